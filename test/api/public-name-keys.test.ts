/**
 * Public-name keys stored under the earlier rule (lower case and spaces only) are recomputed
 * as lookalike skeletons, so an old name still blocks its lookalikes.
 */
import { describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { PUBLIC_NAME_KEY_RULE, publicNameKey } from '@ring/domain';
import { refreshPublicNameKeys } from '@ring/api';
import { AppInfoPage_SaveGeneralInfoDocument } from '@ring/client';
import { execute, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';

const oldKey = (name: string) => name.trim().replace(/ {2,}/g, ' ').toLocaleLowerCase('en');

describe('public-name keys of the earlier rule', () => {
  it('are recomputed, the earlier saved of two old lookalikes keeping the plain key, and then block lookalikes', async () => {
    const tag = `${Math.random()
      .toString(36)
      .replace(/[^a-z]/g, '')
      .slice(0, 8)}cam`;
    const developer = await newDeveloper();
    const first = await insertApp(developer.id, 'Old one');
    const second = await insertApp(developer.id, 'Old two');
    const name = `Ring ${tag}`;
    const lookalike = `Ｒｉｎｇ ${tag}`;
    await prisma.generalInfo.create({
      data: { appId: first.id, publicName: name, publicNameKey: oldKey(name), publicNameKeyRule: 1, savedAt: new Date(Date.now() - 60_000) },
    });
    await prisma.generalInfo.create({
      data: { appId: second.id, publicName: lookalike, publicNameKey: oldKey(lookalike), publicNameKeyRule: 1, savedAt: new Date() },
    });

    expect(await refreshPublicNameKeys()).toBeGreaterThanOrEqual(2);
    const rows = await prisma.generalInfo.findMany({ where: { appId: { in: [first.id, second.id] } }, orderBy: { savedAt: 'asc' } });
    expect(rows.map((row) => [row.publicNameKey, row.publicNameKeyRule])).toEqual([
      [publicNameKey(name), PUBLIC_NAME_KEY_RULE],
      [`${publicNameKey(name)}#${second.id}`, PUBLIC_NAME_KEY_RULE],
    ]);
    expect(await refreshPublicNameKeys()).toBe(0);

    const other = await newDeveloper();
    const app = await insertApp(other.id);
    const result = await execute(AppInfoPage_SaveGeneralInfoDocument, { input: { appId: app.globalId, publicName: `ʀɪɴɢ ${tag}` } as never }, other);
    expect(result.data?.saveGeneralInfo).toMatchObject({ __typename: 'ConflictError' });
  });
});
