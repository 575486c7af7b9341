/**
 * The webhook delivery retention as the built server runs it: WEBHOOK_DELIVERY_RETENTION_DAYS
 * below 7 stops the start, and a started server sweeps deliveries past the retention at once
 * (then hourly), keeping younger ones.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { startServer } from '../support/server.ts';

const DAY_MS = 86_400_000;
const env = (label: string, extra: Record<string, string> = {}) => ({
  DATABASE_URL: process.env.DATABASE_URL!,
  DATA_DIR: mkdtempSync(join(tmpdir(), `ring-retention-${label}-`)),
  ...extra,
});

it('refuses to start with WEBHOOK_DELIVERY_RETENTION_DAYS=6, naming the variable and the minimum', async () => {
  await expect(startServer(env('six', { WEBHOOK_DELIVERY_RETENTION_DAYS: '6' }))).rejects.toThrow(
    /WEBHOOK_DELIVERY_RETENTION_DAYS must be a whole number of days, at least 7, not "6"/,
  );
});

it('sweeps deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS when it starts, keeping 7 days minus a minute', async () => {
  const developer = await newDeveloper('retention');
  const app = await insertApp(developer.id);
  const now = Date.now();
  const row = (eventType: string, ageMs: number) => ({
    appId: app.id,
    environment: 'STAGING' as const,
    eventType,
    url: 'https://hooks.example.com/ring',
    durationMs: 1,
    createdAt: new Date(now - ageMs),
  });
  await prisma.webhookDelivery.createMany({ data: [row('DEVICE_ADDED', 7 * DAY_MS + 120_000), row('DEVICE_REMOVED', 7 * DAY_MS - 60_000)] });
  const server = await startServer(env('sweep', { WEBHOOK_DELIVERY_RETENTION_DAYS: '7' }));
  try {
    await expect
      .poll(async () => (await prisma.webhookDelivery.findMany({ where: { appId: app.id } })).map((delivery) => delivery.eventType), { timeout: 15_000 })
      .toEqual(['DEVICE_REMOVED']);
  } finally {
    await server.stop();
  }
});
