import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, DEFAULT_PORT } from '../src/config.ts';

const minimal = { RING_CLIENT_ID: 'id', RING_CLIENT_SECRET: 'secret', RING_HMAC_KEY: 'key' };

describe('configFromEnv', () => {
  it('defaults to port 8443, the sandbox of a console on localhost:3000 for both Ring hosts, and the demo user', () => {
    const config = configFromEnv(minimal);
    expect(config.port).toBe(DEFAULT_PORT);
    expect(config.ringApiBaseUrl).toBe('http://localhost:3000/sandbox');
    expect(config.ringOAuthBaseUrl).toBe('http://localhost:3000/sandbox');
    expect(config.demoUser?.email).toBe('demo@partner.example');
    expect(config.tls).toBeUndefined();
  });

  it.each(['RING_CLIENT_ID', 'RING_CLIENT_SECRET', 'RING_HMAC_KEY'])('refuses to start without %s, naming it', (name) => {
    expect(() => configFromEnv({ ...minimal, [name]: ' ' })).toThrow(new RegExp(`^${name} is required`));
  });

  it('takes PARTNER_PORT 65535 and refuses 65536 and words, naming the variable', () => {
    expect(configFromEnv({ ...minimal, PARTNER_PORT: '65535' }).port).toBe(65_535);
    expect(() => configFromEnv({ ...minimal, PARTNER_PORT: '65536' })).toThrow(/^PARTNER_PORT must be a whole number from 0 to 65535/);
    expect(() => configFromEnv({ ...minimal, PARTNER_PORT: 'https' })).toThrow(ConfigError);
  });

  it('keeps the two Ring hosts apart when RING_OAUTH_BASE_URL is given, and refuses a base URL that is not http(s)', () => {
    const real = configFromEnv({ ...minimal, RING_API_BASE_URL: 'https://api.amazonvision.com/', RING_OAUTH_BASE_URL: 'https://oauth.ring.com' });
    expect(real.ringApiBaseUrl).toBe('https://api.amazonvision.com');
    expect(real.ringOAuthBaseUrl).toBe('https://oauth.ring.com');
    expect(() => configFromEnv({ ...minimal, RING_API_BASE_URL: 'ftp://localhost/sandbox' })).toThrow(
      /^RING_API_BASE_URL must start with https:\/\/ or http:\/\//,
    );
  });

  it('needs PARTNER_TLS_CERT and PARTNER_TLS_KEY together, and names a file it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'partner-config-'));
    writeFileSync(join(dir, 'cert.pem'), 'CERT');
    writeFileSync(join(dir, 'key.pem'), 'KEY');
    expect(configFromEnv({ ...minimal, PARTNER_TLS_CERT: join(dir, 'cert.pem'), PARTNER_TLS_KEY: join(dir, 'key.pem') }).tls).toEqual({
      cert: 'CERT',
      key: 'KEY',
    });
    expect(() => configFromEnv({ ...minimal, PARTNER_TLS_CERT: join(dir, 'cert.pem') })).toThrow(/go together/);
    expect(() => configFromEnv({ ...minimal, PARTNER_TLS_KEY: join(dir, 'missing.pem') })).toThrow(/^PARTNER_TLS_KEY: cannot read .*missing\.pem \(ENOENT\)/);
  });
});
