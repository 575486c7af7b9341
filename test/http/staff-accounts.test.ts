/**
 * Staff accounts and demo data at start (README: Security, staff accounts): the built server
 * as `npm start` runs it, each case on a database of its own, and `npm run create-staff`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '@ring/api';
import { createPrismaClient, prisma } from '@ring/db';
import { SignInDocument } from '@ring/client';
import { createTestDatabase, dropDatabase } from '@ring/db/testing';
import { execute, uniqueEmail } from '../support/api.ts';
import { startServer } from '../support/server.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const databases: string[] = [];
afterAll(async () => {
  await Promise.all(databases.map((url) => dropDatabase(inject('adminUrl'), url).catch(() => undefined)));
});

async function ownDatabase(): Promise<string> {
  const url = await createTestDatabase(inject('adminUrl'));
  databases.push(url);
  return url;
}

async function query<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = createPrismaClient(url);
  try {
    return await client.$queryRawUnsafe<T[]>(text, ...values);
  } finally {
    await client.$disconnect();
  }
}

const dataDir = () => mkdtempSync(join(tmpdir(), 'ring-staff-'));

function createStaff(args: string[], databaseUrl = process.env.DATABASE_URL!) {
  const run = spawnSync('npm', ['run', '--silent', 'create-staff', '--', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const passwordIn = (stdout: string) => /Password \(shown only now[^)]*\): (\S+)/.exec(stdout)?.[1];

describe('demo seed', { timeout: 120_000 }, () => {
  it('seeds nothing on a real database (DATABASE_URL) unless SEED_DEMO=true, and no staff account but the demo reviewer', async () => {
    const url = await ownDatabase();
    const plain = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir(), SEED_DEMO: '' });
    await plain.stop();
    expect(await query(url, 'SELECT email FROM "Developer"')).toEqual([]);
    expect(plain.output()).not.toMatch(/password/i);

    const asked = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir(), SEED_DEMO: 'true' });
    await asked.stop();
    expect(await query(url, 'SELECT email, role::text AS role FROM "Developer" ORDER BY email')).toEqual([
      { email: 'demo@example.com', role: 'DEVELOPER' },
      { email: 'reviewer@example.com', role: 'REVIEWER' },
    ]);
    expect(asked.output()).not.toMatch(/support/i);
  });
});

/** A GraphQL query over HTTP as whoever `cookie` is; throws on errors. */
async function ask<T>(baseUrl: string, query: string, cookie?: string): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function signInOver(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' },
    body: JSON.stringify({
      query: 'mutation($input: SignInInput!) { signIn(input: $input) { __typename } }',
      variables: { input: { email, password } },
    }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  expect(((await response.json()) as { data: { signIn: { __typename: string } } }).data.signIn.__typename).toBe('SignInSuccess');
  return cookie;
}

interface DemoApp {
  name: string;
  currentStep: string;
  liveVersion: { percent: number; paused: boolean; version: { name: string } } | null;
  lifecycle: { step: string; status: string }[];
  versions: {
    name: string;
    label: string;
    submission: { status: string; findings: { area: string; field: string | null; message: string }[] } | null;
    rollouts: { strategy: string; status: string; percent: number; history: { kind: string }[] }[];
  }[];
  activity: { totalCount: number } | null;
}

const DEMO_APPS_QUERY = `{ viewer { apps(first: 20) { edges { node {
  name currentStep liveVersion { percent paused version { name } }
  lifecycle { step status }
  versions { name label submission { status findings { area field message } } rollouts { strategy status percent history { kind } } }
} } } } }`;

/** Rows the demo seed writes, counted table by table. */
const COUNTED = ['App', 'AppVersion', 'CertificationSubmission', 'Rollout', 'RolloutEvent', 'AuditEvent', 'MediaAsset', 'Developer'];
const counts = async (url: string) =>
  Object.fromEntries(
    await Promise.all(COUNTED.map(async (table) => [table, Number((await query<{ n: bigint }>(url, `SELECT count(*) AS n FROM "${table}"`))[0]!.n)])),
  );

describe('demo apps', { timeout: 180_000 }, () => {
  it('the demo developer has an app in Configure, one under review after a finding and one live at 25 % with a history; a second start adds nothing', async () => {
    const url = await ownDatabase();
    const dir = dataDir();
    const first = await startServer({ DATABASE_URL: url, DATA_DIR: dir, SEED_DEMO: 'true' });
    try {
      const cookie = await signInOver(first.baseUrl, 'demo@example.com', 'demo-password-123');
      const apps = (await ask<{ viewer: { apps: { edges: { node: DemoApp }[] } } }>(first.baseUrl, DEMO_APPS_QUERY, cookie)).viewer.apps.edges.map(
        (edge) => edge.node,
      );
      const byName = new Map(apps.map((app) => [app.name, app]));
      expect([...byName.keys()].sort()).toEqual(['Doorbell Digest', 'Garage Door Watch', 'Porch Light Notes']);
      const stepOf = (app: DemoApp, step: string) => app.lifecycle.find((entry) => entry.step === step)?.status;

      const configuring = byName.get('Porch Light Notes')!;
      expect(configuring.currentStep).toBe('CONFIGURE');
      expect(stepOf(configuring, 'CONFIGURE')).toBe('IN_PROGRESS');
      expect(configuring.versions).toEqual([]);

      const reviewed = byName.get('Garage Door Watch')!;
      expect(reviewed.currentStep).toBe('CERTIFY');
      expect(reviewed.liveVersion).toBeNull();
      const [v2, v1] = reviewed.versions;
      expect(v2).toMatchObject({ name: 'v2', submission: { status: 'UNDER_REVIEW', findings: [] } });
      expect(v1).toMatchObject({ name: 'v1', submission: { status: 'CHANGES_REQUESTED', findings: [{ area: 'LISTING', field: 'shortDescription' }] } });

      const live = byName.get('Doorbell Digest')!;
      expect(live.currentStep).toBe('PUBLISH');
      expect(stepOf(live, 'PUBLISH')).toBe('COMPLETE');
      expect(live.liveVersion).toEqual({ percent: 25, paused: false, version: { name: 'v2' } });
      const [newer, older] = live.versions;
      expect(newer).toMatchObject({ name: 'v2', label: 'Live to 25 %', rollouts: [{ strategy: 'GRADUAL', status: 'IN_PROGRESS', percent: 25 }] });
      expect(newer!.rollouts[0]!.history.map((entry) => entry.kind)).toEqual(['STARTED', 'DEPLOYED', 'RAISED']);
      expect(older).toMatchObject({ name: 'v1', rollouts: [{ strategy: 'FULL', status: 'COMPLETED', percent: 100 }] });

      // The demo reviewer finds the resubmitted version in the queue.
      const reviewerCookie = await signInOver(first.baseUrl, 'reviewer@example.com', 'reviewer-password-123');
      const queue = await ask<{
        reviewQueue: { edges: { node: { status: string; version: { name: string; listing: { general: { publicName: string } } } } }[] };
      }>(first.baseUrl, '{ reviewQueue(first: 20) { edges { node { status version { name listing { general { publicName } } } } } } }', reviewerCookie);
      expect(queue.reviewQueue.edges.map((edge) => [edge.node.version.listing.general.publicName, edge.node.version.name, edge.node.status])).toEqual([
        ['Garage Door Watch', 'v2', 'UNDER_REVIEW'],
      ]);
    } finally {
      await first.stop();
    }
    const seeded = await counts(url);
    expect(seeded).toMatchObject({ App: 3, AppVersion: 4, CertificationSubmission: 4, Rollout: 2 });

    const second = await startServer({ DATABASE_URL: url, DATA_DIR: dir, SEED_DEMO: 'true' });
    await second.stop();
    expect(await counts(url)).toEqual(seeded);
  });
});

describe('start-up check', { timeout: 120_000 }, () => {
  it('refuses to start in production while a staff account has a published demo password, and says how to fix it', async () => {
    const url = await ownDatabase();
    const first = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir() });
    await first.stop();
    await query(
      url,
      `INSERT INTO "Developer" (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), 'support@example.com', 'Portal Support', $1, 'SUPPORT')`,
      [await hashPassword('support-password-123')],
    );
    // The demo reviewer's published password, on a database that is not a demo one (no SEED_DEMO).
    await query(
      url,
      `INSERT INTO "Developer" (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), 'reviewer@example.com', 'Demo Reviewer', $1, 'REVIEWER')`,
      [await hashPassword('reviewer-password-123')],
    );
    const refused = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir() }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/server exited \(1\)/);
    expect(refused).toMatch(
      /reviewer@example\.com, support@example\.com still have a published demo password|support@example\.com, reviewer@example\.com still have a published demo password/,
    );
    expect(refused).toMatch(/npm run create-staff -- --email <email> --role SUPPORT/);

    const fixed = createStaff(['--email', 'support@example.com', '--role', 'SUPPORT'], url);
    expect(fixed.status).toBe(0);
    expect(createStaff(['--email', 'reviewer@example.com', '--role', 'REVIEWER'], url).status).toBe(0);
    const started = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir() });
    expect(await started.stop()).toBe(0);
  });
});

// Each run of the command starts tsx and connects: seconds, more on a busy machine.
describe('npm run create-staff', { timeout: 120_000 }, () => {
  it('creates a SUPPORT account with a generated password printed once, which signs in', async () => {
    const email = uniqueEmail('staff');
    const run = createStaff(['--email', email, '--role', 'SUPPORT', '--name', 'Sam Support']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const password = passwordIn(run.stdout)!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(run.stdout.split(password)).toHaveLength(2);
    const account = await prisma.developer.findUniqueOrThrow({ where: { email } });
    expect(account).toMatchObject({ role: 'SUPPORT', name: 'Sam Support' });
    expect(account.passwordHash).not.toContain(password);
    const signIn = await execute(SignInDocument, { input: { email, password } }, { clientAddress: '10.40.0.1' });
    expect(signIn.data?.signIn).toMatchObject({ __typename: 'SignInSuccess', developer: { role: 'SUPPORT' } });
  });

  it('creates a REVIEWER account, which may work the review queue', async () => {
    const email = uniqueEmail('reviewer');
    const run = createStaff(['--email', email, '--role', 'REVIEWER']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`Created REVIEWER account ${email}`));
    const signIn = await execute(SignInDocument, { input: { email, password: passwordIn(run.stdout)! } }, { clientAddress: '10.40.0.3' });
    expect(signIn.data?.signIn).toMatchObject({ __typename: 'SignInSuccess', developer: { role: 'REVIEWER' } });
  });

  it('promotes an existing developer with a new password and ends their sessions', async () => {
    const email = uniqueEmail('promoted');
    const first = createStaff(['--email', email, '--role', 'SUPPORT']);
    await prisma.developer.update({ where: { email }, data: { role: 'DEVELOPER' } });
    const again = createStaff(['--email', email, '--role', 'support']);
    expect(again.stdout).toMatch(new RegExp(`Updated SUPPORT account ${email}`));
    expect(passwordIn(again.stdout)).not.toBe(passwordIn(first.stdout));
    expect((await prisma.developer.findUniqueOrThrow({ where: { email } })).role).toBe('SUPPORT');
    const old = await execute(SignInDocument, { input: { email, password: passwordIn(first.stdout)! } }, { clientAddress: '10.40.0.2' });
    expect(old.data?.signIn.__typename).toBe('InvalidCredentialsError');
  });

  it('refuses an unknown role, a bad email or missing flags, naming what is allowed, and creates nothing', async () => {
    const email = uniqueEmail('refused');
    const role = createStaff(['--email', email, '--role', 'ADMIN']);
    expect(role.status).toBe(2);
    expect(role.stderr).toMatch(/--role must be one of SUPPORT, REVIEWER, not "ADMIN"/);
    const bad = createStaff(['--email', 'not-an-email', '--role', 'SUPPORT']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--email: Enter an email address/);
    const missing = createStaff(['--email', email]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--email and --role are required/);
    expect(await prisma.developer.count({ where: { email } })).toBe(0);
  });
});
