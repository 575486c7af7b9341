/**
 * `ring-apps` as a script runs it: a subprocess against the compiled server over real HTTP, its
 * token in a real file. Exit codes and --json output are what scripts rely on, so they are
 * asserted exactly.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateApiTokenDocument, NewAppPage_CreateAppDocument, SignUpDocument } from '@ring/client';
import { freePort } from '@ring/db/testing';
import { SHORT_DESCRIPTION_MAX } from '@ring/domain';
import { PASSWORD, sessionCookie, uniqueEmail } from '../support/api.ts';
import { png } from '../support/media-files.ts';
import { graphqlOverHttp } from '../support/graphql-http.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const bin = fileURLToPath(new URL('../../packages/cli/bin/ring-apps.mjs', import.meta.url));

let server: RunningServer;
let configDir: string;

beforeAll(async () => {
  server = await startServer({ DATABASE_URL: process.env.DATABASE_URL! });
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ringApps(args: string[], options: { env?: Record<string, string | undefined>; stdin?: string } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, RING_CONFIG_DIR: configDir, RING_API_URL: `${server.baseUrl}/graphql`, RING_TOKEN: '' };
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A developer with an API token, signed up over HTTP. */
async function developerWithToken() {
  const email = uniqueEmail('cli');
  const signUp = await graphqlOverHttp(server.baseUrl, SignUpDocument, { input: { email, password: PASSWORD, name: 'CLI Tester' } });
  const cookie = sessionCookie(signUp.headers);
  const created = await graphqlOverHttp(server.baseUrl, CreateApiTokenDocument, { input: { name: 'cli' } }, cookie);
  if (created.data.createApiToken.__typename !== 'CreateApiTokenSuccess') throw new Error('no token');
  return { email, cookie, token: created.data.createApiToken.token };
}

async function createApp(cookie: string, name: string): Promise<string> {
  const { data } = await graphqlOverHttp(server.baseUrl, NewAppPage_CreateAppDocument, { input: { name, acceptCompliance: true } }, cookie);
  if (data.createApp.__typename !== 'CreateAppSuccess') throw new Error(`createApp: ${data.createApp.__typename}`);
  return data.createApp.app.id;
}

describe('ring-apps', () => {
  beforeAll(() => {
    configDir = mkdtempSync(join(tmpdir(), 'ring-apps-config-'));
  });
  afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  it('login checks the token from stdin and keeps it readable only by its owner; apps list and status use it', async () => {
    const developer = await developerWithToken();
    const appId = await createApp(developer.cookie, 'Porch Light Sync');

    const login = await ringApps(['login'], { stdin: `${developer.token}\n` });
    expect(login.stderr).not.toContain(developer.token);
    expect(login.stdout).not.toContain(developer.token);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(developer.email);
    const file = join(configDir, 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const list = await ringApps(['apps', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: appId, name: 'Porch Light Sync', currentStep: 'CONFIGURE' })]);

    const human = await ringApps(['apps', 'list']);
    expect(human.stdout.split('\n')[1]).toMatch(new RegExp(`^${appId}\\s+Porch Light Sync\\s+CONFIGURE`));

    const status = await ringApps(['status', appId]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/CONFIGURE\s+IN_PROGRESS|CONFIGURE\s+PENDING/);
    expect(status.stdout).toMatch(/BUILD\s+LOCKED|BUILD\s+PENDING/);

    const logout = await ringApps(['logout']);
    expect(logout.code).toBe(0);
    expect((await ringApps(['apps', 'list'])).code).toBe(4);
  }, 60_000);

  it('exits 4 for a missing or refused token, 5 when the API cannot be reached, 2 for a wrong command line, 1 when the API refuses', async () => {
    const missing = await ringApps(['apps', 'list']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('RING_TOKEN');

    const refused = await ringApps(['apps', 'list', '--json'], { env: { RING_TOKEN: 'ring_pat_not-a-real-token' } });
    expect(refused.code).toBe(4);
    expect(JSON.parse(refused.stdout)).toEqual({ error: expect.objectContaining({ exitCode: 4, code: 'UNAUTHENTICATED' }) });

    const closedPort = await freePort();
    const unreachable = await ringApps(['apps', 'list'], { env: { RING_TOKEN: 'anything', RING_API_URL: `http://127.0.0.1:${closedPort}/graphql` } });
    expect(unreachable.code).toBe(5);
    expect(unreachable.stderr).toContain('ECONNREFUSED');

    expect((await ringApps(['deploy'])).code).toBe(2);
    const version = await ringApps(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const developer = await developerWithToken();
    const appId = await createApp(developer.cookie, 'Garage Chime');
    const badEnvironment = await ringApps(['checks', 'run', appId, '--env', 'moon'], { env: { RING_TOKEN: developer.token } });
    expect(badEnvironment.code).toBe(2);
    expect(badEnvironment.stderr).toContain('--env must be staging or production');

    const other = await developerWithToken();
    const notYours = await ringApps(['status', appId, '--json'], { env: { RING_TOKEN: other.token } });
    expect(notYours.code).toBe(1);
    expect(JSON.parse(notYours.stdout).error.type).toBe('NotFoundError');

    const noUrls = await ringApps(['checks', 'run', appId, '--json'], { env: { RING_TOKEN: developer.token } });
    expect(noUrls.code).toBe(1);
    expect(JSON.parse(noUrls.stdout).error.message).toMatch(/URL/);
  }, 60_000);

  it('apps as code: push creates the app and writes its id back; export, diff, validate (offline, with pointers) and push again change only what the file changes', async () => {
    const developer = await developerWithToken();
    const env = { RING_TOKEN: developer.token };
    const work = mkdtempSync(join(tmpdir(), 'ring-apps-definition-'));
    mkdirSync(join(work, 'media'));
    // Seeds of this file's own: media are stored by content, and another test's identical bytes would share (and keep) the file.
    writeFileSync(join(work, 'media', 'icon.png'), png(1024, 1024, { seed: 1711 }));
    writeFileSync(join(work, 'media', 'main.png'), png(1024, 1024, { seed: 1712 }));
    const publicName = `Porch ${Math.random().toString(36).slice(2, 8)}`;
    const file = join(work, 'ring-app.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        appInfo: {
          general: {
            publicName,
            icon: 'media/icon.png',
            shortDescription: 'Turns the porch light on when someone rings.',
            detailedDescription: 'Links your Ring doorbell to your porch light.',
            categories: ['HOME_SECURITY'],
            latestRelease: 'First release.',
          },
          media: { mainImage: 'media/main.png' },
        },
      }),
    );

    const refused = await ringApps(['app', 'push', file], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--accept-compliance');

    const created = await ringApps(['app', 'push', file, '--accept-compliance', '--json'], { env });
    expect(created.stderr).toContain('Uploading 2 files');
    expect(created.code).toBe(0);
    const createdResult = JSON.parse(created.stdout);
    expect(createdResult).toMatchObject({ created: true, changed: true, credentials: { clientSecret: expect.any(String) } });
    const appId: string = createdResult.appId;
    expect(JSON.parse(readFileSync(file, 'utf8')).app.id).toBe(appId);

    // A second push of the same file sends no file and changes nothing.
    const again = await ringApps(['app', 'push', file], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(again.stderr).not.toContain('Uploading');

    const exportDir = join(work, 'exported');
    const exported = await ringApps(['app', 'export', appId, '--out', exportDir], { env });
    expect(exported.code).toBe(0);
    expect(readdirSync(join(exportDir, 'media')).sort()).toEqual(['icon.png', 'main-image.png']);
    const exportedFile = join(exportDir, 'ring-app.json');
    const definition = JSON.parse(readFileSync(exportedFile, 'utf8'));
    expect(definition.appInfo.general).toMatchObject({ publicName, icon: 'media/icon.png' });
    expect(readFileSync(join(exportDir, 'media', 'icon.png'))).toEqual(readFileSync(join(work, 'media', 'icon.png')));
    expect((await ringApps(['app', 'diff', exportedFile], { env })).stdout).toContain('No changes');
    expect((await ringApps(['app', 'export', appId, '--out', exportDir], { env })).code).toBe(2);

    definition.appInfo.general.shortDescription = 'Turns the porch light on when anyone rings.';
    writeFileSync(exportedFile, JSON.stringify(definition));
    const changes = await ringApps(['app', 'diff', exportedFile, '--json'], { env });
    expect(changes.code).toBe(0);
    expect(JSON.parse(changes.stdout).changes).toEqual([
      {
        pointer: '/appInfo/general/shortDescription',
        before: 'Turns the porch light on when someone rings.',
        after: 'Turns the porch light on when anyone rings.',
      },
    ]);

    const planted = structuredClone(definition);
    planted.appInfo.general.shortDescription = 'x'.repeat(SHORT_DESCRIPTION_MAX + 1);
    planted.appInfo.general.categories = ['NOT_A_CATEGORY'];
    const plantedFile = join(work, 'planted.json');
    writeFileSync(plantedFile, JSON.stringify(planted));
    const invalid = await ringApps(['app', 'validate', plantedFile, '--json']);
    expect(invalid.code).toBe(3);
    const pointers = JSON.parse(invalid.stdout).error.problems.map((problem: { pointer: string }) => problem.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/appInfo/general/shortDescription', expect.stringMatching(/^\/appInfo\/general\/categories/)]));
    expect((await ringApps(['app', 'validate', exportedFile])).code).toBe(0);
    const pushedInvalid = await ringApps(['app', 'push', plantedFile], { env });
    expect(pushedInvalid.code).toBe(3);
    expect(pushedInvalid.stderr).toContain('/appInfo/general/shortDescription');

    const pushed = await ringApps(['app', 'push', exportedFile, '--json'], { env });
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.stdout)).toMatchObject({ created: false, changed: true, changes: [{ pointer: '/appInfo/general/shortDescription' }] });
    const unchanged = await ringApps(['app', 'push', exportedFile, '--json'], { env });
    expect(JSON.parse(unchanged.stdout)).toMatchObject({ changed: false, changes: [] });
    rmSync(work, { recursive: true, force: true });
  }, 120_000);
});
