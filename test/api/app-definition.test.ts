import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mediaStorage } from '@ring/api/storage';
import { prisma } from '@ring/db';
import { SHORT_DESCRIPTION_MAX } from '@ring/domain';
import { AppDefinition_ApplyDocument, AppDefinition_ExportDocument } from '@ring/client';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { png, upload, type UploadFile } from '../support/media.ts';
import { race } from '../support/races.ts';

type Caller = { token: string };

async function tenant() {
  const developer = await newDeveloper('definition');
  const app = await insertApp(developer.id);
  return { app, caller: { token: developer.token } };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const tag = () => Math.random().toString(36).slice(2, 9);

/** Applies `definition`, with `files` (reference -> file) sent as a multipart request. */
async function apply(caller: Caller, appId: string, definition: unknown, options: { dryRun?: boolean; files?: Record<string, UploadFile> } = {}) {
  const refs = Object.keys(options.files ?? {});
  const input = { appId, definition, dryRun: options.dryRun ?? false, files: refs.map((path) => ({ path, file: null })) };
  if (!refs.length) {
    const result = await execute(AppDefinition_ApplyDocument, { input: input as never }, caller);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.applyAppDefinition;
  }
  const files = Object.fromEntries(refs.map((ref, index) => [`input.files.${index}.file`, options.files![ref]!]));
  const result = await upload(AppDefinition_ApplyDocument, { input: input as never }, files, caller);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.applyAppDefinition;
}

async function exported(caller: Caller, appId: string) {
  const result = await execute(AppDefinition_ExportDocument, { id: appId }, caller);
  const node = result.data?.node;
  if (node?.__typename !== 'App') throw new Error(JSON.stringify(result));
  return node.definition as Record<string, unknown>;
}

/** Every row the Configure step and the audit trail keep for the app, as text. */
async function appRows(appId: string) {
  const where = { appId };
  const rows = await Promise.all([
    prisma.generalInfo.findMany({ where }),
    prisma.mediaInfo.findMany({ where }),
    prisma.compatibilityInfo.findMany({ where }),
    prisma.additionalInfo.findMany({ where }),
    prisma.accountLinking.findMany({ where, orderBy: { environment: 'asc' } }),
    prisma.mediaAsset.findMany({ where, orderBy: { id: 'asc' } }),
    prisma.additionalImage.findMany({ where, orderBy: { position: 'asc' } }),
    prisma.auditEvent.findMany({ where, orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify(rows);
}

const linking = (host: string) => ({
  authorizationUrl: `https://${host}/authorize`,
  appHomepageUrl: `https://${host}/`,
  tokenExchangeUrl: `https://${host}/token`,
  webhookUrl: `https://${host}/webhook`,
});

/** A complete definition: every tab and both environments; media as references to files sent with it. */
function fullDefinition(name: string) {
  return {
    version: 1,
    appInfo: {
      general: {
        publicName: name,
        icon: 'media/icon.png',
        shortDescription: 'Sees who is at the door.',
        detailedDescription: 'Links your Ring doorbell to our service.',
        categories: ['HOME_SECURITY'],
        latestRelease: 'First release.',
      },
      media: { mainImage: 'media/main.png', additionalImages: ['media/one.png', 'media/two.png'], video: null, videoThumbnail: null },
      compatibility: {
        features: 'Alerts.',
        requirements: 'A Ring doorbell.',
        customerTypes: [],
        supportedDevices: ['VIDEO_DOORBELL_4'],
        cameraTypes: ['DOORBELL'],
      },
      additional: {
        developerInfo: 'Example Ltd',
        websiteUrl: 'https://example.com/',
        supportUrl: 'https://example.com/support',
        privacyPolicyUrl: 'https://example.com/privacy',
        termsOfServiceUrl: 'https://example.com/terms',
      },
    },
    accountLinking: { staging: linking('staging.example.com'), production: linking('example.com') },
  };
}

// Bytes of this test's own (a random colour each), so no other test has stored the same file.
const image = (name: string): UploadFile => ({ name, type: 'image/png', bytes: png(1024, 1024) });
const fullFiles = () => ({
  'media/icon.png': image('icon.png'),
  'media/main.png': image('main.png'),
  'media/one.png': image('one.png'),
  'media/two.png': image('two.png'),
});

const pointers = (result: unknown) => ((result as { fields?: Array<{ pointer: string }> }).fields ?? []).map((field) => field.pointer).sort();

describe('applyAppDefinition', () => {
  it('a dry run answers every change, field by field, and the warnings at their pointers, and writes nothing (no row, no file, no audit event)', async () => {
    const { caller, app } = await tenant();
    const before = await appRows(app.id);
    const files = { ...fullFiles(), 'media/two.png': { name: 'two.png', type: 'image/png', bytes: png(800, 600) } };
    const result = await apply(caller, app.globalId, fullDefinition(`Dry ${tag()}`), { dryRun: true, files });
    expect(result.__typename, JSON.stringify(result)).toBe('ApplyAppDefinitionSuccess');
    if (result.__typename !== 'ApplyAppDefinitionSuccess') return;
    expect(result).toMatchObject({ dryRun: true, changed: true });
    const changed = result.changes.map((change) => change.pointer);
    expect(changed).toContain('/appInfo/general/publicName');
    expect(changed).toContain('/appInfo/general/icon');
    expect(changed).toContain('/appInfo/media/additionalImages');
    expect(changed).toContain('/accountLinking/production/webhookUrl');
    expect(result.changes.find((change) => change.pointer === '/appInfo/general/shortDescription')).toEqual({
      pointer: '/appInfo/general/shortDescription',
      before: null,
      after: 'Sees who is at the door.',
    });
    expect(result.warnings).toEqual([expect.objectContaining({ pointer: '/appInfo/media/additionalImages/1', code: 'NOT_RECOMMENDED_SIZE' })]);
    // Cleared fields that are already empty are no change.
    expect(changed).not.toContain('/appInfo/media/video');
    expect(changed).not.toContain('/appInfo/compatibility/customerTypes');
    expect(await appRows(app.id)).toBe(before);
    for (const file of Object.values(files)) expect(await mediaStorage().exists(sha256(file.bytes))).toBe(false);
  });

  it('answers every problem at once, each at its JSON pointer, and saves nothing', async () => {
    const { caller, app } = await tenant();
    const before = await appRows(app.id);
    const definition = fullDefinition(`Bad ${tag()}`);
    const planted = {
      ...definition,
      appInfo: {
        ...definition.appInfo,
        general: {
          ...definition.appInfo.general,
          shortDescription: 'x'.repeat(SHORT_DESCRIPTION_MAX + 1),
          categories: ['NO_SUCH_CATEGORY'],
          publicNam: 'typo',
        },
        additional: { ...definition.appInfo.additional, supportUrl: 'http://example.com/support' },
      },
      accountLinking: { ...definition.accountLinking, staging: { ...definition.accountLinking.staging, webhookUrl: 'https://127.0.0.1/hook' } },
    };
    const result = await apply(caller, app.globalId, planted, { files: fullFiles() });
    expect(result.__typename).toBe('ValidationError');
    expect(pointers(result)).toEqual([
      '/accountLinking/staging/webhookUrl',
      '/appInfo/additional/supportUrl',
      '/appInfo/general/categories',
      '/appInfo/general/publicNam',
      '/appInfo/general/shortDescription',
    ]);
    expect(await appRows(app.id)).toBe(before);
  });

  it('answers problems found in the files and unknown media references at their pointers, and saves nothing', async () => {
    const { caller, app } = await tenant();
    const before = await appRows(app.id);
    const definition = fullDefinition(`Files ${tag()}`);
    definition.appInfo.media.additionalImages = ['media/one.png', 'media/missing.png'];
    const files = { ...fullFiles(), 'media/icon.png': { name: 'icon.png', type: 'image/png', bytes: png(512, 512) } };
    const result = await apply(caller, app.globalId, definition, { files });
    expect(result.__typename).toBe('ValidationError');
    if (result.__typename !== 'ValidationError') return;
    expect(result.fields.map((field) => [field.pointer, field.code]).sort()).toEqual([
      ['/appInfo/general/icon', 'WRONG_DIMENSIONS'],
      ['/appInfo/media/additionalImages/1', 'UNKNOWN_MEDIA'],
    ]);
    expect(await appRows(app.id)).toBe(before);
  });

  it('a public name another app holds fails the whole definition, dry run included: nothing of it is saved', async () => {
    const name = `Taken ${tag()}`;
    const first = await tenant();
    expect((await apply(first.caller, first.app.globalId, { version: 1, appInfo: { general: { publicName: name } } })).__typename).toBe(
      'ApplyAppDefinitionSuccess',
    );
    const { caller, app } = await tenant();
    const before = await appRows(app.id);
    const dryRun = await apply(caller, app.globalId, fullDefinition(name.toUpperCase()), { files: fullFiles(), dryRun: true });
    expect(dryRun).toMatchObject({ __typename: 'ConflictError', path: ['appInfo', 'general', 'publicName'] });
    const result = await apply(caller, app.globalId, fullDefinition(name.toUpperCase()), { files: fullFiles() });
    expect(result).toMatchObject({ __typename: 'ConflictError', path: ['appInfo', 'general', 'publicName'] });
    expect(await appRows(app.id)).toBe(before);
    expect(await prisma.mediaAsset.count({ where: { appId: app.id } })).toBe(0);
  });

  it('applies everything in one go with one audit event; applying it again changes nothing and says so', async () => {
    const { caller, app } = await tenant();
    const definition = fullDefinition(`Twice ${tag()}`);
    const files = fullFiles();
    const first = await apply(caller, app.globalId, definition, { files });
    expect(first).toMatchObject({ __typename: 'ApplyAppDefinitionSuccess', dryRun: false, changed: true });
    const general = await prisma.generalInfo.findUniqueOrThrow({ where: { appId: app.id }, include: { icon: true } });
    expect(general).toMatchObject({ publicName: definition.appInfo.general.publicName, categories: ['HOME_SECURITY'], version: 1 });
    expect(general.icon?.kind).toBe('ICON');
    expect(await mediaStorage().exists(sha256(files['media/icon.png'].bytes))).toBe(true);
    expect(await prisma.additionalImage.count({ where: { appId: app.id } })).toBe(2);
    expect(await prisma.accountLinking.count({ where: { appId: app.id } })).toBe(2);
    const events = await prisma.auditEvent.findMany({ where: { appId: app.id } });
    expect(events.map((event) => event.action)).toEqual(['configure.definition-applied']);
    expect(events[0]!.detail).toMatchObject({ changes: (first as { changes: unknown[] }).changes.length });

    const rows = await appRows(app.id);
    const again = await apply(caller, app.globalId, definition, { files });
    expect(again).toMatchObject({ __typename: 'ApplyAppDefinitionSuccess', changed: false, changes: [] });
    expect(await appRows(app.id)).toBe(rows);
  });

  it('export then apply is a no-op, for a filled app and for an empty one', async () => {
    const { caller, app } = await tenant();
    const empty = await exported(caller, app.globalId);
    expect(empty).toMatchObject({ version: 1, app: { id: app.globalId }, accountLinking: {} });
    expect(await apply(caller, app.globalId, empty)).toMatchObject({ __typename: 'ApplyAppDefinitionSuccess', changed: false, changes: [] });

    await apply(caller, app.globalId, fullDefinition(`Round ${tag()}`), { files: fullFiles() });
    const definition = await exported(caller, app.globalId);
    expect(definition).toMatchObject({
      appInfo: { general: { icon: expect.stringMatching(/\/media\//) } },
      accountLinking: { staging: linking('staging.example.com') },
    });
    const rows = await appRows(app.id);
    expect(await apply(caller, app.globalId, definition)).toMatchObject({ __typename: 'ApplyAppDefinitionSuccess', changed: false, changes: [] });
    expect(await appRows(app.id)).toBe(rows);
  });

  it('reorders additional images named by their URLs, keeping the stored files', async () => {
    const { caller, app } = await tenant();
    await apply(caller, app.globalId, fullDefinition(`Order ${tag()}`), { files: fullFiles() });
    const definition = (await exported(caller, app.globalId)) as { appInfo: { media: { additionalImages: string[] } } };
    const [one, two] = definition.appInfo.media.additionalImages;
    const assetsBefore = await prisma.mediaAsset.findMany({ where: { appId: app.id }, select: { id: true } });
    const result = await apply(caller, app.globalId, { version: 1, appInfo: { media: { additionalImages: [two, one] } } });
    expect(result).toMatchObject({
      __typename: 'ApplyAppDefinitionSuccess',
      changed: true,
      changes: [{ pointer: '/appInfo/media/additionalImages', before: [one, two], after: [two, one] }],
    });
    const order = await prisma.additionalImage.findMany({ where: { appId: app.id }, orderBy: { position: 'asc' } });
    expect(order.map((image) => `/media/${image.assetId}`)).toEqual([two, one]);
    expect(await prisma.mediaAsset.findMany({ where: { appId: app.id }, select: { id: true } })).toEqual(assetsBefore);
  });

  it('two definitions applied at the same moment never mix: each is applied whole or answers ConflictError', async () => {
    const { caller, app } = await tenant();
    const definition = (i: number) => ({
      version: 1,
      appInfo: { general: { shortDescription: `Racer ${i}` }, additional: { developerInfo: `Racer ${i} Ltd` } },
      accountLinking: { staging: linking(`racer${i}.example.com`) },
    });
    for (let round = 0; round < 3; round += 1) {
      const outcomes = await race(2, (i) => apply(caller, app.globalId, definition(round * 2 + i)));
      const typenames = outcomes.map((outcome) => (outcome.ok ? outcome.value.__typename : 'THROWN'));
      expect(
        typenames.every((name) => name === 'ApplyAppDefinitionSuccess' || name === 'ConflictError'),
        typenames.join(),
      ).toBe(true);
      expect(typenames).toContain('ApplyAppDefinitionSuccess');
      const general = await prisma.generalInfo.findUniqueOrThrow({ where: { appId: app.id } });
      const additional = await prisma.additionalInfo.findUniqueOrThrow({ where: { appId: app.id } });
      const staging = await prisma.accountLinking.findFirstOrThrow({ where: { appId: app.id, environment: 'STAGING' } });
      const winner = /Racer (\d+)/.exec(general.shortDescription ?? '')![1];
      expect([additional.developerInfo, staging.webhookUrl]).toEqual([`Racer ${winner} Ltd`, `https://racer${winner}.example.com/webhook`]);
    }
  });

  it(`accepts a short description of ${SHORT_DESCRIPTION_MAX} characters and refuses ${SHORT_DESCRIPTION_MAX + 1}, at its pointer`, async () => {
    const { caller, app } = await tenant();
    const inside = await apply(caller, app.globalId, { version: 1, appInfo: { general: { shortDescription: 'a'.repeat(SHORT_DESCRIPTION_MAX) } } });
    expect(inside).toMatchObject({ __typename: 'ApplyAppDefinitionSuccess', changed: true });
    const outside = await apply(caller, app.globalId, { version: 1, appInfo: { general: { shortDescription: 'b'.repeat(SHORT_DESCRIPTION_MAX + 1) } } });
    expect(outside).toMatchObject({
      __typename: 'ValidationError',
      fields: [{ pointer: '/appInfo/general/shortDescription', path: ['appInfo', 'general', 'shortDescription'], code: 'TOO_LONG' }],
    });
    expect((await prisma.generalInfo.findUniqueOrThrow({ where: { appId: app.id } })).shortDescription).toBe('a'.repeat(SHORT_DESCRIPTION_MAX));
  });

  it('refuses a definition that names another app, or another format version', async () => {
    const { caller, app } = await tenant();
    const other = await tenant();
    expect(pointers(await apply(caller, app.globalId, { version: 1, app: { id: other.app.globalId } }))).toEqual(['/app/id']);
    expect(pointers(await apply(caller, app.globalId, { version: 2 }))).toEqual(['/version']);
  });
});
