import { Socket } from 'node:net';
import { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientOrigin, parseTrustProxy } from '../src/modules/identity/client-origin.ts';

function request(peer: string, headers: Record<string, string> = {}): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: peer });
  const message = new IncomingMessage(socket);
  Object.assign(message.headers, headers);
  return message;
}

const forwarded = { 'x-forwarded-for': '198.51.100.7, 10.0.0.5', 'x-forwarded-proto': 'https' };

describe('TRUST_PROXY', () => {
  it('unset or empty: the socket peer, plain http, whatever the headers say', () => {
    for (const setting of [undefined, '', '  ']) {
      expect(clientOrigin(request('10.0.0.9', forwarded), parseTrustProxy(setting))).toEqual({ clientAddress: '10.0.0.9', secure: false });
    }
  });

  it('a number of hops: 1 believes the nearest proxy only, 2 the one before it too', () => {
    expect(clientOrigin(request('10.0.0.9', forwarded), parseTrustProxy('1'))).toEqual({ clientAddress: '10.0.0.5', secure: true });
    expect(clientOrigin(request('10.0.0.9', forwarded), parseTrustProxy('2'))).toEqual({ clientAddress: '198.51.100.7', secure: true });
    expect(clientOrigin(request('10.0.0.9', forwarded), parseTrustProxy('0'))).toEqual({ clientAddress: '10.0.0.9', secure: false });
  });

  it('a list of CIDRs: headers from a listed proxy only', () => {
    const trust = parseTrustProxy('10.0.0.0/8, 127.0.0.1');
    expect(clientOrigin(request('10.0.0.9', forwarded), trust)).toEqual({ clientAddress: '198.51.100.7', secure: true });
    expect(clientOrigin(request('192.0.2.1', forwarded), trust)).toEqual({ clientAddress: '192.0.2.1', secure: false });
  });

  it('refuses a value that is neither, naming the variable and the forms allowed', () => {
    expect(() => parseTrustProxy('yes please')).toThrow(/TRUST_PROXY must be a number of proxies or a comma list of addresses\/CIDRs/);
    expect(() => parseTrustProxy('10.0.0.0/99')).toThrow(/TRUST_PROXY/);
  });
});
