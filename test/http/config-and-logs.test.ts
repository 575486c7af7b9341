/**
 * The built server's configuration and log, as a real process: a bad value of any variable stops
 * the start with a message naming it (before the database starts), and everything the server
 * writes while it runs is one JSON log line (packages/api/src/observability/logger.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../support/server.ts';

const env = (label: string, extra: Record<string, string> = {}) => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  DATA_DIR: mkdtempSync(join(tmpdir(), `ring-config-${label}-`)),
  ...extra,
});

describe('configuration at start', () => {
  it.each([
    ['PORT', 'eighty', /PORT must be a port number from 0 to 65535, not "eighty"/],
    ['PORT', '65536', /PORT must be a port number from 0 to 65535, not "65536"/],
    ['SEED_DEMO', 'yes', /SEED_DEMO must be true or false, not "yes"/],
    ['SHUTDOWN_TIMEOUT_MS', 'soon', /SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds/],
    ['MEDIA_SWEEP_INTERVAL_MINUTES', '-5', /MEDIA_SWEEP_INTERVAL_MINUTES must be a whole number of at least 1, not "-5"/],
    ['MEDIA_SWEEP_INTERVAL_MINUTES', '0', /MEDIA_SWEEP_INTERVAL_MINUTES must be a whole number of at least 1, not "0"/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of debug, info, warn, error, silent, not "loud"/],
  ])('refuses to start with %s=%s, naming the variable and what it accepts', async (name, value, message) => {
    await expect(startServer(env('bad', { [name]: value }))).rejects.toThrow(message);
  });

  it('names every bad variable at once', async () => {
    const failed = startServer(env('bad-two', { PORT: 'eighty', SEED_DEMO: 'yes' }));
    await expect(failed).rejects.toThrow(/PORT must be[\s\S]*SEED_DEMO must be/);
  });
});

describe('the server log', () => {
  it('is one JSON object per line, from the start message to the shutdown, with no plain console lines', async () => {
    const server = await startServer(env('log'));
    const response = await fetch(`${server.baseUrl}/sign-in`);
    expect(response.status).toBe(200);
    await server.stop();
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(() => JSON.parse(line), line).not.toThrow();
      expect(JSON.parse(line), line).toMatchObject({ time: expect.any(String), level: expect.any(String), msg: expect.any(String) });
    }
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^Ring Appstore developer console: http/), 'request', 'stopped']));
  });
});
