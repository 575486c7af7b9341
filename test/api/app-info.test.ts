import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import {
  AppInfoPage_AppDocument,
  AppInfoPage_SaveAdditionalInfoDocument,
  AppInfoPage_SaveCompatibilityInfoDocument,
  AppInfoPage_SaveGeneralInfoDocument,
} from '@ring/client';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';

const uniqueName = () => `App ${Math.random().toString(36).slice(2, 12)}`;

async function tenant() {
  const developer = await newDeveloper('info');
  const app = await insertApp(developer.id);
  return { developer, app, caller: { token: developer.token } };
}

const save = {
  general: (caller: { token: string }, input: Parameters<typeof execute<unknown, { input: never }>>[1]['input'] | Record<string, unknown>) =>
    execute(AppInfoPage_SaveGeneralInfoDocument, { input: input as never }, caller).then((result) => result.data?.saveGeneralInfo),
  compatibility: (caller: { token: string }, input: Record<string, unknown>) =>
    execute(AppInfoPage_SaveCompatibilityInfoDocument, { input: input as never }, caller).then((result) => result.data?.saveCompatibilityInfo),
  additional: (caller: { token: string }, input: Record<string, unknown>) =>
    execute(AppInfoPage_SaveAdditionalInfoDocument, { input: input as never }, caller).then((result) => result.data?.saveAdditionalInfo),
};

const fieldPaths = (result: unknown) => ((result as { fields?: Array<{ path: string[] }> }).fields ?? []).map((field) => field.path.join('.')).sort();

describe('catalog', () => {
  it('serves the four option lists with ids and labels', async () => {
    const { caller, app } = await tenant();
    const result = await execute(AppInfoPage_AppDocument, { id: app.globalId }, caller);
    const catalog = result.data!.catalog;
    expect(catalog.supportedDevices).toContainEqual({ id: 'VIDEO_DOORBELL_4', label: 'Video Doorbell 4' });
    expect(catalog.cameraTypes).toContainEqual({ id: 'FLOODLIGHT', label: 'Floodlight' });
    expect(catalog.categories.length).toBeGreaterThan(5);
    expect(catalog.customerTypes.length).toBeGreaterThan(3);
  });
});

describe('General tab (text fields)', () => {
  it('starts empty at version 0 with every required field missing, before any row exists', async () => {
    const { caller, app } = await tenant();
    const result = await execute(AppInfoPage_AppDocument, { id: app.globalId }, caller);
    const node = result.data?.node;
    if (node?.__typename !== 'App') throw new Error(`no app: ${JSON.stringify(result)}`);
    expect(node.info.status).toBe('PENDING');
    expect(node.info.general).toMatchObject({
      version: 0,
      savedAt: null,
      complete: false,
      missing: ['publicName', 'icon', 'shortDescription', 'detailedDescription', 'categories', 'latestRelease'],
    });
    expect(node.info.media.missing).toEqual(['mainImage', 'additionalImages']);
    expect(await prisma.generalInfo.count({ where: { appId: app.id } })).toBe(0);
  });

  it('accepts 7 and 30 characters, refuses 6, 31 and 50', async () => {
    const { caller, app } = await tenant();
    const tag = Math.random().toString(36).slice(2, 7);
    expect((await save.general(caller, { appId: app.globalId, publicName: `Ab${tag}` }))?.__typename).toBe('SaveGeneralInfoSuccess');
    expect((await save.general(caller, { appId: app.globalId, publicName: `${tag}${'x'.repeat(25)}` }))?.__typename).toBe('SaveGeneralInfoSuccess');
    for (const name of [`A${tag}`, `${tag}${'x'.repeat(26)}`, `${tag}${'x'.repeat(45)}`]) {
      const result = await save.general(caller, { appId: app.globalId, publicName: name });
      expect(result).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['publicName'], message: expect.stringMatching(/7 to 30 characters/) }] });
    }
    const row = await prisma.generalInfo.findUniqueOrThrow({ where: { appId: app.id } });
    expect(row.publicName).toBe(`${tag}${'x'.repeat(25)}`);
    expect(row.version).toBe(2);
  });

  it('refuses an emoji name and non-standard characters, naming the character', async () => {
    const { caller, app } = await tenant();
    const emoji = await save.general(caller, { appId: app.globalId, publicName: 'Home Cam 😀' });
    expect(emoji).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['publicName'], code: 'INVALID_CHARACTERS', message: expect.stringContaining('😀') }],
    });
    const zeroWidth = await save.general(caller, { appId: app.globalId, publicName: 'Home\u200bCamera' });
    expect(zeroWidth?.__typename).toBe('ValidationError');
    const doubleSpace = await save.general(caller, { appId: app.globalId, publicName: 'Home  Camera' });
    expect(doubleSpace).toMatchObject({ __typename: 'ValidationError', fields: [{ code: 'SPACES' }] });
    expect(await prisma.generalInfo.count({ where: { appId: app.id } })).toBe(0);
  });

  it('keeps a public name unique across developers, ignoring letter case and spaces', async () => {
    const first = await tenant();
    const second = await tenant();
    const name = uniqueName();
    expect((await save.general(first.caller, { appId: first.app.globalId, publicName: name }))?.__typename).toBe('SaveGeneralInfoSuccess');
    const other = await save.general(second.caller, { appId: second.app.globalId, publicName: name.toUpperCase() });
    // The field is named, so a form can show the message on it.
    expect(other).toMatchObject({ __typename: 'ConflictError', path: ['publicName'], message: expect.stringMatching(/already uses this public name/) });
    expect(await prisma.generalInfo.findUnique({ where: { appId: second.app.id } })).toBeNull();
    // The owner may save its own name again, in another case.
    expect((await save.general(first.caller, { appId: first.app.globalId, publicName: name.toLowerCase() }))?.__typename).toBe('SaveGeneralInfoSuccess');
    // Clearing frees the name.
    expect((await save.general(first.caller, { appId: first.app.globalId, publicName: null }))?.__typename).toBe('SaveGeneralInfoSuccess');
    expect((await save.general(second.caller, { appId: second.app.globalId, publicName: name }))?.__typename).toBe('SaveGeneralInfoSuccess');
  });

  it.each([
    ['fullwidth letters', (name: string) => name.replace(/[A-Za-z]/g, (letter) => String.fromCodePoint(letter.codePointAt(0)! + 0xfee0))],
    [
      'small capitals',
      (name: string) =>
        name.toLowerCase().replace(
          /[abcdefghijklmnoprstuvwyz]/g,
          (letter) =>
            ({
              a: 'ᴀ',
              b: 'ʙ',
              c: 'ᴄ',
              d: 'ᴅ',
              e: 'ᴇ',
              f: 'ꜰ',
              g: 'ɢ',
              h: 'ʜ',
              i: 'ɪ',
              j: 'ᴊ',
              k: 'ᴋ',
              l: 'ʟ',
              m: 'ᴍ',
              n: 'ɴ',
              o: 'ᴏ',
              p: 'ᴘ',
              r: 'ʀ',
              s: 'ꜱ',
              t: 'ᴛ',
              u: 'ᴜ',
              v: 'ᴠ',
              w: 'ᴡ',
              y: 'ʏ',
              z: 'ᴢ',
            })[letter]!,
        ),
    ],
    ['combining marks', (name: string) => name.replace(/[a-z]/g, (letter) => `${letter}\u0307`)],
  ])('counts a lookalike in %s as the same public name', async (_kind, lookalike) => {
    const first = await tenant();
    const second = await tenant();
    const name = uniqueName().replace(/\d/g, 'q');
    const disguised = lookalike(name);
    expect(disguised).not.toBe(name);
    expect((await save.general(first.caller, { appId: first.app.globalId, publicName: name }))?.__typename).toBe('SaveGeneralInfoSuccess');
    const other = await save.general(second.caller, { appId: second.app.globalId, publicName: disguised });
    expect(other).toMatchObject({ __typename: 'ConflictError', message: expect.stringMatching(/already uses this public name/) });
    expect(await prisma.generalInfo.findUnique({ where: { appId: second.app.id } })).toBeNull();
  });

  it('lets exactly one of two concurrent saves of one name win', async () => {
    const [a, b] = await Promise.all([tenant(), tenant()]);
    const name = uniqueName();
    const results = await Promise.all([
      save.general(a.caller, { appId: a.app.globalId, publicName: name }),
      save.general(b.caller, { appId: b.app.globalId, publicName: name }),
    ]);
    expect(results.map((result) => result?.__typename).sort()).toEqual(['ConflictError', 'SaveGeneralInfoSuccess']);
  });

  it('limits the descriptions at 125, 500 and 300 characters and names every wrong field', async () => {
    const { caller, app } = await tenant();
    const inside = await save.general(caller, {
      appId: app.globalId,
      shortDescription: 'é'.repeat(125),
      detailedDescription: 'd'.repeat(500),
      latestRelease: 'r'.repeat(300),
      categories: ['HOME_SECURITY'],
    });
    expect(inside?.__typename).toBe('SaveGeneralInfoSuccess');
    const outside = await save.general(caller, {
      appId: app.globalId,
      publicName: 'Bad 😀 name',
      shortDescription: 'e\u0301'.repeat(126),
      detailedDescription: 'd'.repeat(501),
      latestRelease: 'r'.repeat(301),
      categories: ['NOT_A_CATEGORY'],
    });
    expect(outside?.__typename).toBe('ValidationError');
    expect(fieldPaths(outside)).toEqual(['categories', 'detailedDescription', 'latestRelease', 'publicName', 'shortDescription']);
    const row = await prisma.generalInfo.findUniqueOrThrow({ where: { appId: app.id } });
    expect(row).toMatchObject({ version: 1, shortDescription: 'é'.repeat(125), categories: ['HOME_SECURITY'] });
  });

  it('refuses an empty category list, keeps omitted fields and clears with null', async () => {
    const { caller, app } = await tenant();
    await save.general(caller, { appId: app.globalId, shortDescription: 'Short', categories: ['PETS', 'SMART_HOME'] });
    expect(await save.general(caller, { appId: app.globalId, categories: [] })).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ path: ['categories'] }],
    });
    await save.general(caller, { appId: app.globalId, latestRelease: 'Bug fixes' });
    let row = await prisma.generalInfo.findUniqueOrThrow({ where: { appId: app.id } });
    expect(row).toMatchObject({ shortDescription: 'Short', categories: ['PETS', 'SMART_HOME'], latestRelease: 'Bug fixes' });
    await save.general(caller, { appId: app.globalId, shortDescription: null, categories: null });
    row = await prisma.generalInfo.findUniqueOrThrow({ where: { appId: app.id } });
    expect(row).toMatchObject({ shortDescription: null, categories: [], latestRelease: 'Bug fixes' });
  });

  it('refuses a stale expectedVersion with ConflictError and changes nothing', async () => {
    const { caller, app } = await tenant();
    const first = await save.general(caller, { appId: app.globalId, expectedVersion: 0, shortDescription: 'One' });
    expect(first?.__typename).toBe('SaveGeneralInfoSuccess');
    expect(await save.general(caller, { appId: app.globalId, expectedVersion: 0, shortDescription: 'Two' })).toMatchObject({
      __typename: 'ConflictError',
      path: null,
    });
    expect((await save.general(caller, { appId: app.globalId, expectedVersion: 1, shortDescription: 'Three' }))?.__typename).toBe('SaveGeneralInfoSuccess');
    expect(await prisma.generalInfo.findUniqueOrThrow({ where: { appId: app.id } })).toMatchObject({ version: 2, shortDescription: 'Three' });
  });

  it('gives exactly one ConflictError for two concurrent saves from the same version', async () => {
    const { caller, app } = await tenant();
    const results = await Promise.all([
      save.compatibility(caller, { appId: app.globalId, expectedVersion: 0, features: 'A' }),
      save.compatibility(caller, { appId: app.globalId, expectedVersion: 0, features: 'B' }),
    ]);
    expect(results.map((result) => result?.__typename).sort()).toEqual(['ConflictError', 'SaveCompatibilityInfoSuccess']);
    const row = await prisma.compatibilityInfo.findUniqueOrThrow({ where: { appId: app.id } });
    expect(row.version).toBe(1);
  });
});

describe('Compatibility tab', () => {
  it('limits features at 400 and requirements at 500, lists to the catalog', async () => {
    const { caller, app } = await tenant();
    const ok = await save.compatibility(caller, {
      appId: app.globalId,
      features: 'f'.repeat(400),
      requirements: 'r'.repeat(500),
      customerTypes: ['HOMEOWNER'],
      supportedDevices: ['VIDEO_DOORBELL_4', 'FLOODLIGHT_CAM_WIRED_PRO'],
      cameraTypes: ['DOORBELL', 'FLOODLIGHT'],
    });
    expect(ok).toMatchObject({ __typename: 'SaveCompatibilityInfoSuccess', info: { compatibility: { complete: true, missing: [], version: 1 } } });
    const bad = await save.compatibility(caller, {
      appId: app.globalId,
      features: 'f'.repeat(401),
      requirements: 'r'.repeat(501),
      customerTypes: ['ALIENS'],
      supportedDevices: ['TOASTER'],
      cameraTypes: ['X'],
    });
    expect(fieldPaths(bad)).toEqual(['cameraTypes', 'customerTypes', 'features', 'requirements', 'supportedDevices']);
    expect((await prisma.compatibilityInfo.findUniqueOrThrow({ where: { appId: app.id } })).version).toBe(1);
  });
});

describe('Additional tab', () => {
  it('limits developer info at 400 and checks the four URLs', async () => {
    const { caller, app } = await tenant();
    const long = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;
    const ok = await save.additional(caller, {
      appId: app.globalId,
      developerInfo: 'd'.repeat(400),
      websiteUrl: 'https://example.com',
      supportUrl: long,
      privacyPolicyUrl: 'https://example.com/privacy',
      termsOfServiceUrl: 'https://example.com/terms',
    });
    expect(ok).toMatchObject({ __typename: 'SaveAdditionalInfoSuccess', info: { additional: { complete: true } } });
    const bad = await save.additional(caller, {
      appId: app.globalId,
      developerInfo: 'd'.repeat(401),
      websiteUrl: 'http://example.com',
      supportUrl: `${long}a`,
      privacyPolicyUrl: 'https://user:secret@example.com/privacy',
      termsOfServiceUrl: 'terms',
    });
    expect(fieldPaths(bad)).toEqual(['developerInfo', 'privacyPolicyUrl', 'supportUrl', 'termsOfServiceUrl', 'websiteUrl']);
    expect(await prisma.additionalInfo.findUniqueOrThrow({ where: { appId: app.id } })).toMatchObject({ version: 1, websiteUrl: 'https://example.com' });
  });

  it('clears developer info given blank like null, keeps the fields left out and refuses a blank URL', async () => {
    const { caller, app } = await tenant();
    await save.additional(caller, { appId: app.globalId, developerInfo: 'Acme', websiteUrl: 'https://example.com', supportUrl: 'https://example.com/help' });
    expect(fieldPaths(await save.additional(caller, { appId: app.globalId, websiteUrl: '' }))).toEqual(['websiteUrl']);
    const cleared = await save.additional(caller, { appId: app.globalId, developerInfo: '  ', websiteUrl: null });
    expect(cleared?.__typename).toBe('SaveAdditionalInfoSuccess');
    expect(await prisma.additionalInfo.findUniqueOrThrow({ where: { appId: app.id } })).toMatchObject({
      version: 2,
      developerInfo: null,
      websiteUrl: null,
      supportUrl: 'https://example.com/help',
    });
  });
});

describe('tenant isolation', () => {
  it('gives another developer NotFoundError from every save and changes nothing', async () => {
    const owner = await tenant();
    const stranger = await newDeveloper('stranger');
    const caller = { token: stranger.token };
    const appId = owner.app.globalId;
    expect((await save.general(caller, { appId, shortDescription: 'Mine now' }))?.__typename).toBe('NotFoundError');
    expect((await save.compatibility(caller, { appId, features: 'Mine now' }))?.__typename).toBe('NotFoundError');
    expect((await save.additional(caller, { appId, developerInfo: 'Mine now' }))?.__typename).toBe('NotFoundError');
    const read = await execute(AppInfoPage_AppDocument, { id: appId }, caller);
    expect(read.data?.node).toBeNull();
    for (const table of [prisma.generalInfo, prisma.compatibilityInfo, prisma.additionalInfo] as Array<{ count(args: object): Promise<number> }>) {
      expect(await table.count({ where: { appId: owner.app.id } })).toBe(0);
    }
  });

  it('needs a developer', async () => {
    const { app } = await tenant();
    const result = await execute(AppInfoPage_SaveAdditionalInfoDocument, { input: { appId: app.globalId, developerInfo: 'x' } }, {});
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
