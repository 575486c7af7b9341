import { describe, expect, it } from 'vitest';
import { loadConfig, mediaStorageSettings, siteLinksFrom } from '../src/config.ts';

describe('loadConfig', () => {
  it('gives every setting its default in an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      production: false,
      port: 3000,
      host: '0.0.0.0',
      shutdownTimeoutMs: 9_000,
      logLevel: 'info',
      seedDemo: true,
      sessionTtlMs: 14 * 24 * 3_600_000,
      maxRequestBodyBytes: 24 * 1024 ** 2,
      corsOrigins: [],
      requestTimeoutMs: 60_000,
      headersTimeoutMs: 10_000,
      mediaSweepIntervalMs: 15 * 60_000,
      mail: null,
      siteLinks: { docsUrl: '/docs', agreementUrl: '/agreement', supportEmail: 'support@ring-appstore.example' },
    });
    expect(config.trustProxy('10.0.0.1', 0)).toBe(false);
  });

  it.each([
    ['PORT', '65535', '65536'],
    ['APP_QUOTA_PER_DEVELOPER', '1', '0'],
    ['WEBHOOK_TEST_EVENTS_PER_DEVELOPER_PER_MINUTE', '1', '0'],
    ['ENDPOINT_CHECK_RUNS_PER_APP_PER_MINUTE', '1', '0'],
    ['ENDPOINT_CHECK_RUNS_PER_DEVELOPER_PER_MINUTE', '1', '0'],
    ['SANDBOX_REQUESTS_PER_APP_PER_MINUTE', '1', '0'],
    ['SANDBOX_REQUESTS_PER_DEVELOPER_PER_MINUTE', '1', '0'],
    ['REQUEST_TIMEOUT_MS', '10000', '999'],
  ])('takes %s=%s and refuses %s, naming the variable', (name, inside, outside) => {
    expect(() => loadConfig({ [name]: inside })).not.toThrow();
    expect(() => loadConfig({ [name]: outside })).toThrow(new RegExp(`^${name} must be .*"${outside}"`));
  });

  it('seeds the demo on the embedded database only, unless SEED_DEMO says otherwise', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/x' }).seedDemo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/x', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('checks the rules between variables', () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example', PUBLIC_URL: 'https://console.example' })).toThrow(/^MAIL_FROM is required with SMTP_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production', ALLOW_LOCAL_ENDPOINTS: '1' })).toThrow(/ALLOW_LOCAL_ENDPOINTS is a development setting/);
    expect(() => loadConfig({ NODE_ENV: 'production', ALLOW_LOCAL_ENDPOINTS: '0' })).not.toThrow();
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud', DOCS_URL: 'javascript:alert(1)' })).toThrow(
      /PORT must be[\s\S]*LOG_LEVEL must be[\s\S]*DOCS_URL must be/,
    );
  });
});

describe('mediaStorageSettings', () => {
  it('is local files under DATA_DIR/media by default, and names what S3 lacks', () => {
    expect(mediaStorageSettings({ DATA_DIR: '/var/ring' })).toEqual({ driver: 'local', directory: '/var/ring/media' });
    expect(() => mediaStorageSettings({ MEDIA_STORAGE: 's3' })).toThrow('S3_BUCKET is required when MEDIA_STORAGE=s3.');
    expect(() => mediaStorageSettings({ MEDIA_STORAGE: 'ftp' })).toThrow(/^MEDIA_STORAGE must be one of local, s3, not "ftp"/);
  });
});

describe('siteLinksFrom', () => {
  it('takes a path or an http(s) address and refuses anything a link could run', () => {
    expect(siteLinksFrom({ DOCS_URL: ' https://docs.example/ring ' }).docsUrl).toBe('https://docs.example/ring');
    expect(() => siteLinksFrom({ DEVELOPER_AGREEMENT_URL: '//evil.example' })).toThrow(/^DEVELOPER_AGREEMENT_URL must be an http\(s\) address/);
  });
});
