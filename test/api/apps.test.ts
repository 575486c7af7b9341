import { describe, expect, it, vi } from 'vitest';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { API_ACCESS, COMPLIANCE_AGREEMENT } from '@ring/domain';
import {
  AppOverviewPage_AppDocument,
  AppOverviewPage_DeleteAppDocument,
  AppOverviewPage_RenameAppDocument,
  AppsPage_AppsDocument,
  NewAppPage_ApiAccessDocument,
  NewAppPage_CreateAppDocument,
} from '@ring/client';
import { CSRF_HEADER, onAppMediaReleased } from '@ring/api';
import { api, errorCodes, execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { createAppVia } from '../support/created-apps.ts';

const dbId = (globalId: string) => decodeGlobalID(globalId).id;

describe('apiAccess', () => {
  it('lists the three standard groups with their items and the note', async () => {
    const result = await execute(NewAppPage_ApiAccessDocument, {});
    expect(result.data?.apiAccess.map((group) => group.title)).toEqual(['Live Video & Media', 'Device Management', 'Configuration & Settings']);
    expect(result.data?.apiAccess[0]?.items).toEqual(['Live video streaming from Ring devices', 'MP4 video downloads and clips', 'Image Download']);
    expect(result.data?.apiAccess[1]?.items).toContain('Status (online/offline)');
    expect(result.data?.apiAccess[2]?.items).toEqual(['Device location information', 'Device configuration settings']);
    expect(result.data?.apiAccess.length).toBe(API_ACCESS.length);
    expect(result.data?.apiAccessNote).toMatch(/Custom API scopes are not yet available/);
    expect(result.data?.complianceAgreement).toEqual({ ...COMPLIANCE_AGREEMENT });
  });
});

describe('createApp', () => {
  it('creates the app, records who accepted which agreement version and when, and audits it', async () => {
    const developer = await newDeveloper();
    const before = Date.now();
    const created = await createAppVia(developer, '  Home Guardian  ');
    expect(created.app.name).toBe('Home Guardian');
    const row = await prisma.app.findUniqueOrThrow({ where: { id: dbId(created.app.id) } });
    expect(row.complianceAgreementVersion).toBe(COMPLIANCE_AGREEMENT.version);
    expect(row.complianceAcceptedById).toBe(dbId(developer.id));
    expect(row.complianceAcceptedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const events = await prisma.auditEvent.findMany({ where: { appId: row.id }, orderBy: { action: 'asc' } });
    expect(events.map((event) => event.action)).toEqual(['app.created', 'compliance.accepted']);
    expect(events[1]?.detail).toMatchObject({ agreement: COMPLIANCE_AGREEMENT.title, version: COMPLIANCE_AGREEMENT.version });
    expect(events.every((event) => event.actorId === dbId(developer.id))).toBe(true);
  });

  it('accepts names of 1 and 100 characters', async () => {
    const developer = await newDeveloper();
    expect((await createAppVia(developer, 'A')).app.name).toBe('A');
    expect((await createAppVia(developer, 'x'.repeat(100))).app.name).toHaveLength(100);
  });

  it.each([
    ['an empty name', '', true, [['name']]],
    ['a blank name', '   ', true, [['name']]],
    ['a 101-character name', 'x'.repeat(101), true, [['name']]],
    ['acceptCompliance false', 'Home Guardian', false, [['acceptCompliance']]],
    ['both wrong', '', false, [['acceptCompliance'], ['name']]],
  ])('refuses %s with ValidationError naming the field, saving nothing', async (_label, name, acceptCompliance, paths) => {
    const developer = await newDeveloper();
    const result = await execute(NewAppPage_CreateAppDocument, { input: { name, acceptCompliance } }, developer);
    const outcome = result.data?.createApp;
    expect(outcome?.__typename).toBe('ValidationError');
    if (outcome?.__typename !== 'ValidationError') return;
    expect(outcome.fields.map((field) => field.path).sort()).toEqual(paths);
    expect(await prisma.app.count({ where: { developerId: dbId(developer.id) } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { actorId: dbId(developer.id) } })).toBe(0);
  });

  it('needs a developer: UNAUTHENTICATED when signed out', async () => {
    const result = await execute(NewAppPage_CreateAppDocument, { input: { name: 'X', acceptCompliance: true } });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('app(id)', () => {
  it('answers the owner and gives another developer NotFoundError, exactly like a missing id', async () => {
    const owner = await newDeveloper('owner');
    const other = await newDeveloper('other');
    const created = await createAppVia(owner);
    const mine = await execute(AppOverviewPage_AppDocument, { id: created.app.id }, owner);
    expect(mine.data?.app).toMatchObject({ __typename: 'App', name: 'Home Guardian' });
    const theirs = await execute(AppOverviewPage_AppDocument, { id: created.app.id }, other);
    const missing = await execute(AppOverviewPage_AppDocument, { id: `${created.app.id.slice(0, -4)}AAAA` }, other);
    expect(theirs.data?.app).toMatchObject({ __typename: 'NotFoundError' });
    expect(missing.data?.app).toEqual(theirs.data?.app);
  });

  it('node(id) finds the owner’s app and is null for another developer', async () => {
    const owner = await newDeveloper('owner');
    const other = await newDeveloper('other');
    const created = await createAppVia(owner);
    const node = async (cookie: string) => {
      const response = await api.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', cookie },
        body: JSON.stringify({ query: 'query($id: ID!) { node(id: $id) { ... on App { name lifecycle { status } } } }', variables: { id: created.app.id } }),
      });
      const body = (await response.json()) as { data: { node: unknown }; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data.node;
    };
    expect(await node(owner.cookie)).toMatchObject({ name: 'Home Guardian' });
    expect(await node(other.cookie)).toBeNull();
  });

  it('node(id) of an app is UNAUTHENTICATED, not null, when signed out or with a revoked token', async () => {
    const owner = await newDeveloper('owner');
    const created = await createAppVia(owner);
    const query = 'query($id: ID!) { node(id: $id) { ... on App { name } } }';
    const node = async (headers: Record<string, string>) => {
      const response = await api.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...headers },
        body: JSON.stringify({ query, variables: { id: created.app.id } }),
      });
      return (await response.json()) as { data?: { node: unknown }; errors?: { message: string; extensions?: { code?: string } }[] };
    };
    expect(errorCodes(await node({}))).toEqual(['UNAUTHENTICATED']);
    await prisma.apiToken.updateMany({ where: { developerId: dbId(owner.id) }, data: { revokedAt: new Date() } });
    const revoked = await node({ authorization: `Bearer ${owner.token}` });
    expect(errorCodes(revoked)).toEqual(['UNAUTHENTICATED']);
    expect(revoked.errors?.[0]?.message).toMatch(/revoked/);
    expect(JSON.stringify(revoked)).not.toContain('Home Guardian');
  });

  it('shows only a hint of the credentials afterwards, never the secrets', async () => {
    const owner = await newDeveloper();
    const created = await createAppVia(owner);
    const result = await execute(AppOverviewPage_AppDocument, { id: created.app.id }, owner);
    if (result.data?.app.__typename !== 'App') throw new Error('no app');
    expect(result.data.app.credentials?.clientIdHint).toBe(created.credentials.clientId.slice(-4));
    const text = JSON.stringify(result.data);
    expect(text).not.toContain(created.credentials.clientSecret);
    expect(text).not.toContain(created.credentials.hmacSignatureKey);
    expect(text).not.toContain(created.credentials.clientId);
  });
});

describe('renameApp', () => {
  it('renames with the trimmed name and audits it', async () => {
    const owner = await newDeveloper();
    const created = await createAppVia(owner);
    const result = await execute(AppOverviewPage_RenameAppDocument, { input: { appId: created.app.id, name: ' Porch Watch ' } }, owner);
    expect(result.errors).toBeUndefined();
    expect(result.data?.renameApp).toMatchObject({ __typename: 'RenameAppSuccess', app: { name: 'Porch Watch' } });
    expect((await prisma.app.findUniqueOrThrow({ where: { id: dbId(created.app.id) } })).name).toBe('Porch Watch');
    expect(await prisma.auditEvent.count({ where: { appId: dbId(created.app.id), action: 'app.renamed' } })).toBe(1);
  });

  it('refuses an empty or 101-character name with the field path and keeps the old name', async () => {
    const owner = await newDeveloper();
    const created = await createAppVia(owner);
    for (const name of ['', 'x'.repeat(101)]) {
      const result = await execute(AppOverviewPage_RenameAppDocument, { input: { appId: created.app.id, name } }, owner);
      const outcome = result.data?.renameApp;
      expect(outcome?.__typename).toBe('ValidationError');
      if (outcome?.__typename === 'ValidationError') expect(outcome.fields.map((field) => field.path)).toEqual([['name']]);
    }
    expect((await prisma.app.findUniqueOrThrow({ where: { id: dbId(created.app.id) } })).name).toBe('Home Guardian');
  });

  it('gives another developer NotFoundError and changes nothing', async () => {
    const owner = await newDeveloper('owner');
    const other = await newDeveloper('other');
    const created = await createAppVia(owner);
    const result = await execute(AppOverviewPage_RenameAppDocument, { input: { appId: created.app.id, name: 'Stolen' } }, other);
    expect(result.data?.renameApp.__typename).toBe('NotFoundError');
    expect((await prisma.app.findUniqueOrThrow({ where: { id: dbId(created.app.id) } })).name).toBe('Home Guardian');
  });

  it('refuses a published app with AppPublishedError', async () => {
    const owner = await newDeveloper();
    const created = await createAppVia(owner);
    await prisma.app.update({ where: { id: dbId(created.app.id) }, data: { publishedAt: new Date() } });
    const result = await execute(AppOverviewPage_RenameAppDocument, { input: { appId: created.app.id, name: 'Late' } }, owner);
    expect(result.data?.renameApp.__typename).toBe('AppPublishedError');
    expect((await prisma.app.findUniqueOrThrow({ where: { id: dbId(created.app.id) } })).name).toBe('Home Guardian');
  });
});

describe('deleteApp', () => {
  it('removes the app with its credentials, tabs and linking, and audits it', async () => {
    const owner = await newDeveloper();
    const created = await createAppVia(owner);
    const id = dbId(created.app.id);
    await prisma.generalInfo.create({ data: { appId: id, publicName: 'Home Guardian Pro', savedAt: new Date() } });
    await prisma.accountLinking.create({ data: { appId: id, environment: 'STAGING', savedAt: new Date() } });
    const result = await execute(AppOverviewPage_DeleteAppDocument, { input: { appId: created.app.id } }, owner);
    expect(result.data?.deleteApp).toMatchObject({ __typename: 'DeleteAppSuccess', deletedAppId: created.app.id, name: 'Home Guardian' });
    expect(await prisma.app.count({ where: { id } })).toBe(0);
    expect(await prisma.credential.count({ where: { appId: id } })).toBe(0);
    expect(await prisma.generalInfo.count({ where: { appId: id } })).toBe(0);
    expect(await prisma.accountLinking.count({ where: { appId: id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { appId: id, action: 'app.deleted' } })).toBe(1);
    const again = await execute(AppOverviewPage_AppDocument, { id: created.app.id }, owner);
    expect(again.data?.app.__typename).toBe('NotFoundError');
  });

  it('hands the storage keys of the app’s media to the registered collectors, after the rows are gone', async () => {
    const owner = await newDeveloper();
    const created = await createAppVia(owner);
    const id = dbId(created.app.id);
    const keys = [`key-a-${id}`, `key-b-${id}`];
    for (const storageKey of [...keys, keys[0]!]) {
      await prisma.mediaAsset.create({ data: { appId: id, kind: 'ADDITIONAL_IMAGE', storageKey, contentType: 'image/png', byteSize: 1 } });
    }
    const released: { keys: string[]; rowsLeft: number }[] = [];
    onAppMediaReleased(async (storageKeys) => {
      if (storageKeys.some((key) => key.endsWith(id)))
        released.push({ keys: [...storageKeys].sort(), rowsLeft: await prisma.mediaAsset.count({ where: { appId: id } }) });
    });
    await execute(AppOverviewPage_DeleteAppDocument, { input: { appId: created.app.id } }, owner);
    expect(released).toEqual([{ keys: keys.sort(), rowsLeft: 0 }]);
  });

  it('answers DeleteAppSuccess once the rows are gone even when a media collector fails', async () => {
    const owner = await newDeveloper();
    const created = await createAppVia(owner);
    const id = dbId(created.app.id);
    await prisma.mediaAsset.create({ data: { appId: id, kind: 'ADDITIONAL_IMAGE', storageKey: `key-fails-${id}`, contentType: 'image/png', byteSize: 1 } });
    onAppMediaReleased(async (storageKeys) => {
      if (storageKeys.includes(`key-fails-${id}`)) throw new Error('storage is down');
    });
    // Reported as one JSON line of the server log (stderr), naming the app and the cause.
    const errorLog = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const result = await execute(AppOverviewPage_DeleteAppDocument, { input: { appId: created.app.id } }, owner);
      expect(result.errors).toBeUndefined();
      expect(result.data?.deleteApp).toMatchObject({ __typename: 'DeleteAppSuccess', deletedAppId: created.app.id });
      expect(await prisma.app.count({ where: { id } })).toBe(0);
      const lines = errorLog.mock.calls.map(([chunk]) => JSON.parse(String(chunk)) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'error', appId: id, cause: expect.stringContaining('storage is down') }));
    } finally {
      errorLog.mockRestore();
    }
  });

  it('gives another developer NotFoundError and deletes nothing', async () => {
    const owner = await newDeveloper('owner');
    const other = await newDeveloper('other');
    const created = await createAppVia(owner);
    const result = await execute(AppOverviewPage_DeleteAppDocument, { input: { appId: created.app.id } }, other);
    expect(result.data?.deleteApp.__typename).toBe('NotFoundError');
    expect(await prisma.app.count({ where: { id: dbId(created.app.id) } })).toBe(1);
    expect(await prisma.credential.count({ where: { appId: dbId(created.app.id) } })).toBe(1);
  });

  it('refuses a published app with AppPublishedError and keeps it', async () => {
    const owner = await newDeveloper();
    const created = await createAppVia(owner);
    await prisma.app.update({ where: { id: dbId(created.app.id) }, data: { publishedAt: new Date() } });
    const result = await execute(AppOverviewPage_DeleteAppDocument, { input: { appId: created.app.id } }, owner);
    expect(result.data?.deleteApp.__typename).toBe('AppPublishedError');
    expect(await prisma.app.count({ where: { id: dbId(created.app.id) } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { appId: dbId(created.app.id), action: 'app.deleted' } })).toBe(0);
  });
});

describe('viewer.apps', () => {
  it('lists only your apps, newest first, with public name and current step, paginated', async () => {
    const owner = await newDeveloper('owner');
    const other = await newDeveloper('other');
    await createAppVia(other, 'Not mine');
    const first = await createAppVia(owner, 'First');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await createAppVia(owner, 'Second');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await createAppVia(owner, 'Third');
    await prisma.generalInfo.create({ data: { appId: dbId(first.app.id), publicName: 'First Public', savedAt: new Date() } });

    const page1 = await execute(AppsPage_AppsDocument, { first: 2, after: null }, owner);
    const apps = page1.data?.viewer?.apps;
    expect(apps?.totalCount).toBe(3);
    expect(apps?.edges.map((edge) => edge.node.name)).toEqual(['Third', 'Second']);
    expect(apps?.pageInfo.hasNextPage).toBe(true);
    expect(apps?.edges[1]?.node).toMatchObject({ id: second.app.id, publicName: null, currentStep: 'CONFIGURE' });
    const page2 = await execute(AppsPage_AppsDocument, { first: 2, after: apps!.pageInfo.endCursor }, owner);
    expect(page2.data?.viewer?.apps?.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ name: 'First', publicName: 'First Public', currentStep: 'CONFIGURE' }),
    ]);
    expect(page2.data?.viewer?.apps?.pageInfo.hasNextPage).toBe(false);
  });

  it('works for apps made without createApp (no credentials, no tab rows)', async () => {
    const owner = await newDeveloper();
    const app = await insertApp(owner.id, 'Bare');
    const result = await execute(AppOverviewPage_AppDocument, { id: app.globalId }, owner);
    expect(result.data?.app).toMatchObject({ __typename: 'App', name: 'Bare', credentials: null, publicName: null });
  });
});
