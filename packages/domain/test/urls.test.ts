import { describe, expect, it } from 'vitest';
import { endpointUrlSchema, httpsUrlSchema, isLoopbackAddress, isNonPublicAddress, urlProblem, URL_MAX_LENGTH } from '../src/urls.ts';

const withLength = (length: number) => {
  const base = 'https://example.com/';
  return base + 'a'.repeat(length - base.length);
};

describe('URL rules', () => {
  it('accepts 2,048 characters and refuses 2,049', () => {
    expect(urlProblem(withLength(URL_MAX_LENGTH))).toBeNull();
    expect(urlProblem(withLength(URL_MAX_LENGTH + 1))).toBe('TOO_LONG');
  });

  it('requires an absolute https URL without credentials', () => {
    expect(urlProblem('https://example.com/privacy')).toBeNull();
    expect(urlProblem('http://example.com')).toBe('NOT_HTTPS');
    expect(urlProblem('ftp://example.com')).toBe('NOT_A_URL');
    expect(urlProblem('/relative/path')).toBe('NOT_A_URL');
    expect(urlProblem('example.com')).toBe('NOT_A_URL');
    expect(urlProblem('https://user:pw@example.com')).toBe('HAS_CREDENTIALS');
    expect(urlProblem('https://user@example.com')).toBe('HAS_CREDENTIALS');
    expect(urlProblem('   ')).toBe('EMPTY');
  });

  it('refuses a space anywhere and a host with characters no host name has, in every URL parser', () => {
    // Chromium's parser accepts `https://exa mple.com` (as exa%20mple.com), Node's refuses it: the rule must not depend on either.
    expect(urlProblem('https://exa mple.com')).toBe('HAS_SPACES');
    expect(urlProblem('https://example.com/a b')).toBe('HAS_SPACES');
    expect(urlProblem('https://example.com/a\tb')).toBe('HAS_SPACES');
    expect(urlProblem('https://exa%20mple.com')).toBe('NOT_A_URL');
    expect(urlProblem('https://-example.com')).toBe('NOT_A_URL');
    expect(httpsUrlSchema.safeParse('https://exa mple.com').error?.issues[0]?.message).toBe('URL must not contain spaces (write a space in a path as %20).');
    // Just inside: what real hosts look like.
    expect(urlProblem('https://example.com/a%20b')).toBeNull();
    expect(urlProblem('https://münchen.example/')).toBeNull();
    expect(urlProblem('https://a_b.example.com:8443/x')).toBeNull();
    expect(urlProblem('https://[2001:db8::1]:443/')).toBeNull();
    expect(urlProblem('  https://example.com  ')).toBeNull();
  });

  it('public links may have a fragment and any host; endpoints may not', () => {
    expect(urlProblem('https://example.com/help#faq')).toBeNull();
    expect(urlProblem('https://example.com/help#faq', { publicEndpoint: true })).toBe('HAS_FRAGMENT');
    expect(urlProblem('https://localhost/callback', { publicEndpoint: true })).toBe('LOCAL_HOST');
    expect(urlProblem('https://api.localhost/callback', { publicEndpoint: true })).toBe('LOCAL_HOST');
  });

  it('refuses private, loopback, link-local and metadata IP literals for endpoints, and allows public ones', () => {
    for (const host of [
      '10.0.0.1',
      '127.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '[::1]',
      '[fd00::1]',
      '[fe80::1]',
      '[::ffff:127.0.0.1]',
    ]) {
      expect(urlProblem(`https://${host}/hook`, { publicEndpoint: true }), host).toBe('PRIVATE_ADDRESS');
    }
    for (const host of ['8.8.8.8', '172.32.0.1', '172.15.0.1', '[2606:4700::1111]']) {
      expect(urlProblem(`https://${host}/hook`, { publicEndpoint: true }), host).toBeNull();
    }
  });

  it('refuses every spelling and tunnel of a non-public address, not just the usual one', () => {
    // IPv4-compatible, NAT64 and 6to4 addresses carry an IPv4 address a gateway may reach; multicast,
    // site-local and Teredo are never a developer's public endpoint.
    for (const host of [
      '[::127.0.0.1]',
      '[0:0:0:0:0:ffff:7f00:1]',
      '[::ffff:10.1.2.3]',
      '[64:ff9b::10.0.0.1]',
      '[64:ff9b::a9fe:a9fe]',
      '[64:ff9b:1::1]',
      '[2002:a00:1::1]',
      '[2002:7f00:1::]',
      '[ff02::1]',
      '[fec0::1]',
      '[2001:0:4136:e378::1]',
      '192.0.0.8',
      '198.18.0.1',
    ]) {
      expect(urlProblem(`https://${host}/hook`, { publicEndpoint: true }), host).toBe('PRIVATE_ADDRESS');
    }
    for (const host of ['[64:ff9b::808:808]', '[2002:808:808::1]', '[2001:4860::8888]', '198.20.0.1']) {
      expect(urlProblem(`https://${host}/hook`, { publicEndpoint: true }), host).toBeNull();
    }
  });

  it('allows localhost and loopback literals, and nothing else non-public, only with allowLoopback', () => {
    const local = { publicEndpoint: true, allowLoopback: true };
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '127.9.9.9', '[::1]', '[::ffff:127.0.0.1]']) {
      expect(urlProblem(`https://${host}:8443/hook`, local), host).toBeNull();
      expect(urlProblem(`https://${host}:8443/hook`, { publicEndpoint: true }), host).not.toBeNull();
    }
    for (const host of ['10.0.0.1', '192.168.1.1', '169.254.169.254', '[fe80::1]', '[fd00::1]', '0.0.0.0']) {
      expect(urlProblem(`https://${host}/hook`, local), host).toBe('PRIVATE_ADDRESS');
    }
    expect(urlProblem('http://127.0.0.1/hook', local)).toBe('NOT_HTTPS');
  });

  it('classifies resolved addresses as node:dns reports them', () => {
    for (const address of ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:0:0:1', '64:ff9b::7f00:1', 'fe80::1%eth0', 'FD00::1']) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    expect(isNonPublicAddress('2606:4700::1111')).toBe(false);
    expect(isNonPublicAddress('not-an-address')).toBe(false);
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1']) expect(isLoopbackAddress(address), address).toBe(true);
    // Only loopback: the test-only setting must never open these.
    for (const address of ['10.0.0.1', '169.254.169.254', '::', 'fe80::1', '::ffff:10.0.0.1', '64:ff9b::7f00:1'])
      expect(isLoopbackAddress(address), address).toBe(false);
  });

  it('zod schemas carry the message and trim', () => {
    expect(httpsUrlSchema.parse('  https://example.com  ')).toBe('https://example.com');
    const result = endpointUrlSchema.safeParse('https://10.0.0.1/x');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/private, loopback or link-local/);
  });
});
