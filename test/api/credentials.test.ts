import { describe, expect, it } from 'vitest';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { prisma } from '@ring/db';
import { hmacKeyForApp, verifyClientSecret } from '@ring/api';
import { SupportPage_ReissueCredentialsDocument, SupportPage_SearchDocument } from '@ring/client';
import { errorCodes, execute, newDeveloper, newStaff } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { createAppVia } from '../support/created-apps.ts';

const REASON = 'Developer lost the client secret';
const dbId = (globalId: string) => decodeGlobalID(globalId).id;

const newSupport = () => newStaff('SUPPORT');

/** RFC 4180 as a spreadsheet reads it: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

describe('credentials issued by createApp', () => {
  it('have recognisable prefixes, 256-bit secrets, and a CSV with a header row and one record', async () => {
    const developer = await newDeveloper();
    const { credentials } = await createAppVia(developer, 'Home, "Guardian"');
    expect(credentials.clientId).toMatch(/^ring_cid_[0-9a-f]{32}$/);
    expect(credentials.clientSecret).toMatch(/^ring_csec_[A-Za-z0-9_-]{43}$/);
    expect(credentials.hmacSignatureKey).toMatch(/^ring_hmac_[A-Za-z0-9_-]{43}$/);
    expect(credentials.csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(credentials.csv)).toEqual([
      ['App name', 'Client ID', 'Client Secret', 'HMAC Signature Key'],
      ['Home, "Guardian"', credentials.clientId, credentials.clientSecret, credentials.hmacSignatureKey],
    ]);
  });

  it('verify: the right secret passes; a wrong secret, another app’s secret or an unknown client ID fail', async () => {
    const developer = await newDeveloper();
    const one = await createAppVia(developer, 'One');
    const two = await createAppVia(developer, 'Two');
    expect(await verifyClientSecret(one.credentials.clientId, one.credentials.clientSecret)).toBe(true);
    expect(await verifyClientSecret(one.credentials.clientId, two.credentials.clientSecret)).toBe(false);
    expect(await verifyClientSecret(one.credentials.clientId, `${one.credentials.clientSecret}x`)).toBe(false);
    expect(await verifyClientSecret('ring_cid_unknown', one.credentials.clientSecret)).toBe(false);
  });

  it('the stored HMAC key decrypts to the value shown once, and only for its own app', async () => {
    const developer = await newDeveloper();
    const created = await createAppVia(developer);
    const appId = dbId(created.app.id);
    expect(await hmacKeyForApp(appId)).toBe(created.credentials.hmacSignatureKey);
    const stored = await prisma.credential.findUniqueOrThrow({ where: { appId } });
    const other = await createAppVia(developer, 'Other');
    // A ciphertext copied to another app's row does not decrypt (bound to the app id).
    await prisma.credential.update({ where: { appId: dbId(other.app.id) }, data: { hmacKeyEncrypted: stored.hmacKeyEncrypted } });
    await expect(hmacKeyForApp(dbId(other.app.id))).rejects.toThrow();
  });
});

describe('reissueCredentials', () => {
  it('is refused to a developer who is not SUPPORT, even for their own app, and changes nothing', async () => {
    const developer = await newDeveloper();
    const created = await createAppVia(developer);
    const before = await prisma.credential.findUniqueOrThrow({ where: { appId: dbId(created.app.id) } });
    const result = await execute(SupportPage_ReissueCredentialsDocument, { input: { appId: created.app.id, reason: REASON } }, developer);
    expect(result.data?.reissueCredentials.__typename).toBe('ForbiddenError');
    expect(await prisma.credential.findUniqueOrThrow({ where: { appId: dbId(created.app.id) } })).toEqual(before);
    expect(await verifyClientSecret(created.credentials.clientId, created.credentials.clientSecret)).toBe(true);
  });

  it('needs a developer: UNAUTHENTICATED when signed out', async () => {
    const result = await execute(SupportPage_ReissueCredentialsDocument, { input: { appId: 'QXBwOng=', reason: REASON } });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('SUPPORT reissues any developer’s app: new values once, the old secret stops at once, audited', async () => {
    const developer = await newDeveloper();
    const support = await newSupport();
    const created = await createAppVia(developer);
    const appId = dbId(created.app.id);
    const result = await execute(SupportPage_ReissueCredentialsDocument, { input: { appId: created.app.id, reason: REASON } }, support);
    const outcome = result.data?.reissueCredentials;
    if (outcome?.__typename !== 'ReissueCredentialsSuccess') throw new Error(JSON.stringify(result));
    const fresh = outcome.credentials;
    expect(outcome.appName).toBe('Home Guardian');
    expect(fresh.clientId).toBe(created.credentials.clientId);
    expect(fresh.clientSecret).not.toBe(created.credentials.clientSecret);
    expect(fresh.hmacSignatureKey).not.toBe(created.credentials.hmacSignatureKey);
    expect(await verifyClientSecret(created.credentials.clientId, created.credentials.clientSecret)).toBe(false);
    expect(await verifyClientSecret(fresh.clientId, fresh.clientSecret)).toBe(true);
    expect(await hmacKeyForApp(appId)).toBe(fresh.hmacSignatureKey);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { appId, action: 'credentials.reissued' } });
    expect(event.actorId).toBe(dbId(support.id));
    expect(JSON.stringify(event.detail)).not.toContain(fresh.clientSecret);
  });

  it('needs a reason of 10 to 500 characters (ValidationError naming it, nothing reissued) and records it with the ticket in the audit event', async () => {
    const developer = await newDeveloper();
    const support = await newSupport();
    const created = await createAppVia(developer);
    const appId = dbId(created.app.id);
    const before = await prisma.credential.findUniqueOrThrow({ where: { appId } });
    for (const reason of ['x'.repeat(9), '  too short ', 'x'.repeat(501)]) {
      const refused = await execute(SupportPage_ReissueCredentialsDocument, { input: { appId: created.app.id, reason } }, support);
      const outcome = refused.data?.reissueCredentials;
      if (outcome?.__typename !== 'ValidationError') throw new Error(JSON.stringify(refused));
      expect(outcome.fields.map((field) => field.path.join('.'))).toEqual(['reason']);
      expect(outcome.fields[0]!.message).toMatch(/Reason must be at (least 10|most 500) characters/);
    }
    const longTicket = await execute(
      SupportPage_ReissueCredentialsDocument,
      { input: { appId: created.app.id, reason: REASON, ticket: 'T'.repeat(101) } },
      support,
    );
    expect(longTicket.data?.reissueCredentials.__typename).toBe('ValidationError');
    expect(await prisma.credential.findUniqueOrThrow({ where: { appId } })).toEqual(before);
    expect(await prisma.auditEvent.count({ where: { appId, action: 'credentials.reissued' } })).toBe(0);

    const shortest = await execute(SupportPage_ReissueCredentialsDocument, { input: { appId: created.app.id, reason: ` ${'a'.repeat(10)} ` } }, support);
    expect(shortest.data?.reissueCredentials.__typename).toBe('ReissueCredentialsSuccess');
    const longest = await execute(
      SupportPage_ReissueCredentialsDocument,
      { input: { appId: created.app.id, reason: 'b'.repeat(500), ticket: ' SUP-1234 ' } },
      support,
    );
    expect(longest.data?.reissueCredentials.__typename).toBe('ReissueCredentialsSuccess');
    const events = await prisma.auditEvent.findMany({ where: { appId, action: 'credentials.reissued' }, orderBy: { createdAt: 'asc' } });
    expect(events.map((event) => event.detail)).toEqual([
      expect.objectContaining({ reason: 'a'.repeat(10), ticket: null }),
      expect.objectContaining({ reason: 'b'.repeat(500), ticket: 'SUP-1234' }),
    ]);
  });

  it('gives SUPPORT NotFoundError for an unknown id', async () => {
    const support = await newSupport();
    const developer = await newDeveloper();
    const app = await insertApp(developer.id);
    await prisma.app.delete({ where: { id: app.id } });
    const result = await execute(SupportPage_ReissueCredentialsDocument, { input: { appId: app.globalId, reason: REASON } }, support);
    expect(result.data?.reissueCredentials.__typename).toBe('NotFoundError');
  });
});

describe('supportAppSearch', () => {
  it('finds any developer’s app by part of its name or by client ID, for SUPPORT only', async () => {
    const developer = await newDeveloper();
    const support = await newSupport();
    const unique = `Zebra ${Date.now()}`;
    const created = await createAppVia(developer, `${unique} Cam`);
    const byName = await execute(SupportPage_SearchDocument, { query: unique.toLowerCase() }, support);
    expect(byName.data?.supportAppSearch.map((app) => app.id)).toEqual([created.app.id]);
    expect(byName.data?.supportAppSearch[0]?.credentials?.clientIdHint).toBe(created.credentials.clientId.slice(-4));
    const byClientId = await execute(SupportPage_SearchDocument, { query: created.credentials.clientId }, support);
    expect(byClientId.data?.supportAppSearch.map((app) => app.name)).toEqual([`${unique} Cam`]);
    const refused = await execute(SupportPage_SearchDocument, { query: unique }, developer);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  });

  it('takes % , _ and \\ in the query literally, not as LIKE wildcards', async () => {
    const developer = await newDeveloper();
    const support = await newSupport();
    const tag = `Wild${Date.now()}${Math.random().toString(36).slice(2, 8)}`;
    for (const name of [`${tag} 100% Cam`, `${tag} 1000 Cam`, `${tag} a_b`, `${tag} axb`, `${tag} c\\d`, `${tag} cd`]) await createAppVia(developer, name);
    const names = async (query: string) => {
      const result = await execute(SupportPage_SearchDocument, { query }, support);
      expect(result.errors).toBeUndefined();
      return (result.data?.supportAppSearch ?? []).map((app) => app.name);
    };
    expect(await names(`${tag} 100%`)).toEqual([`${tag} 100% Cam`]);
    expect(await names(`${tag} a_b`)).toEqual([`${tag} a_b`]);
    expect(await names(`${tag} c\\d`)).toEqual([`${tag} c\\d`]);
    expect(await names(`${tag} 100% C`)).toEqual([`${tag} 100% Cam`]);
  });
});

describe('supportAppSearch finds and tells apart', () => {
  it('finds an app by part of its client ID, ignoring letter case', async () => {
    const developer = await newDeveloper();
    const support = await newSupport();
    const created = await createAppVia(developer, `Partial ${Date.now()}`);
    const clientId = created.credentials.clientId;
    for (const part of [clientId.slice(0, -3), clientId.slice(-8), clientId.slice(-8).toUpperCase()]) {
      const found = await execute(SupportPage_SearchDocument, { query: part }, support);
      expect(found.data?.supportAppSearch.map((app) => app.id)).toContain(created.app.id);
    }
  });

  it('shows support staff each app’s owner (name and email), telling apart two apps of the same name', async () => {
    const first = await newDeveloper('first');
    const second = await newDeveloper('second');
    const support = await newSupport();
    const name = `Home Guardian ${Date.now()}`;
    await createAppVia(first, name);
    await createAppVia(second, name);
    const found = await execute(SupportPage_SearchDocument, { query: name }, support);
    expect(found.data?.supportAppSearch.map((app) => app.owner)).toEqual([
      { name: 'Test second', email: second.email },
      { name: 'Test first', email: first.email },
    ]);
  });
});

describe('secrets at rest', () => {
  it('no table holds a plaintext client secret or HMAC key after create and reissue', async () => {
    const developer = await newDeveloper();
    const support = await newSupport();
    const created = await createAppVia(developer);
    const reissued = await execute(SupportPage_ReissueCredentialsDocument, { input: { appId: created.app.id, reason: REASON } }, support);
    if (reissued.data?.reissueCredentials.__typename !== 'ReissueCredentialsSuccess') throw new Error('reissue failed');
    const secrets = [
      created.credentials.clientSecret,
      created.credentials.hmacSignatureKey,
      reissued.data.reissueCredentials.credentials.clientSecret,
      reissued.data.reissueCredentials.credentials.hmacSignatureKey,
    ];
    // Also the random part alone, in case something stored it without its prefix.
    const needles = secrets.flatMap((secret) => [secret, secret.slice(secret.indexOf('_', 5) + 1)]);
    const tables = await prisma.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    expect(tables.map((table) => table.tablename)).toEqual(expect.arrayContaining(['Credential', 'AuditEvent', 'App']));
    let dump = '';
    for (const { tablename } of tables) {
      const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${tablename.replaceAll('"', '""')}" t`);
      dump += rows.map((entry) => entry.row).join('\n');
    }
    expect(dump).toContain(created.credentials.clientId); // the dump really covers the credentials
    for (const needle of needles) expect(dump).not.toContain(needle);
  });
});
