/**
 * viewer.apps cursors: a position in the list (creation time, then id), not a row to look up.
 * So a cursor keeps working after its app is deleted, a cursor naming someone else's app
 * tells nothing about that app, and bad arguments are a BAD_USER_INPUT error on `apps` that
 * leaves `viewer` (and so the signed-in state) intact.
 */
import { describe, expect, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { prisma } from '@ring/db';
import { execute, newDeveloper, type Caller } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';

interface Page {
  viewer: {
    id: string;
    apps: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
      edges: Array<{ cursor: string; node: { name: string } }>;
    } | null;
  } | null;
}
type Args = { first?: number | null; last?: number | null; after?: string | null; before?: string | null };

const PAGE = parse(`
  query Page($first: Int, $last: Int, $after: String, $before: String) {
    viewer {
      id
      apps(first: $first, last: $last, after: $after, before: $before) {
        totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { name } }
      }
    }
  }
`) as TypedDocumentNode<Page, Args>;

const page = (caller: Caller, args: Args) => execute(PAGE, args, caller);
const names = async (caller: Caller, args: Args) => {
  const result = await page(caller, args);
  expect(result.errors).toBeUndefined();
  return result.data!.viewer!.apps!.edges.map((edge) => edge.node.name);
};

/** Apps a developer made one after another (a millisecond apart at least), oldest first. */
async function appsOf(developer: { id: string }, labels: string[]) {
  const made = [];
  for (const label of labels) {
    made.push(await insertApp(developer.id, label));
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  return made;
}

describe('viewer.apps cursors', () => {
  it('keep working after the app they point at is deleted', async () => {
    const owner = await newDeveloper();
    const apps = await appsOf(owner, ['a1', 'a2', 'a3', 'a4', 'a5']);
    const first = (await page(owner, { first: 2 })).data!.viewer!.apps!;
    expect(first.edges.map((edge) => edge.node.name)).toEqual(['a5', 'a4']);
    await prisma.app.delete({ where: { id: apps[3]!.id } });
    const next = (await page(owner, { first: 2, after: first.pageInfo.endCursor })).data!.viewer!.apps!;
    expect(next.edges.map((edge) => edge.node.name)).toEqual(['a3', 'a2']);
    expect(next.pageInfo.hasNextPage).toBe(true);
  });

  it('never reveal whether another developer’s app exists: its cursor pages the same before and after it is deleted, and shows only your apps', async () => {
    const owner = await newDeveloper();
    const other = await newDeveloper();
    await appsOf(owner, ['a1', 'a2', 'a3']);
    const [theirs] = await appsOf(other, ['b1']);
    await appsOf(owner, ['a4']);
    const theirCursor = (await page(other, { first: 1 })).data!.viewer!.apps!.pageInfo.endCursor;
    const before = await names(owner, { first: 10, after: theirCursor });
    expect(before).toEqual(['a3', 'a2', 'a1']);
    await prisma.app.delete({ where: { id: theirs!.id } });
    expect(await names(owner, { first: 10, after: theirCursor })).toEqual(before);
  });

  it('take `after` and `before` together, as the Relay spec allows, with first or last', async () => {
    const owner = await newDeveloper();
    await appsOf(owner, ['a1', 'a2', 'a3', 'a4', 'a5']);
    const all = (await page(owner, { first: 5 })).data!.viewer!.apps!;
    const cursorOf = (name: string) => all.edges.find((edge) => edge.node.name === name)!.cursor;
    expect(await names(owner, { first: 10, after: cursorOf('a5'), before: cursorOf('a1') })).toEqual(['a4', 'a3', 'a2']);
    const firstTwo = (await page(owner, { first: 2, after: cursorOf('a5'), before: cursorOf('a1') })).data!.viewer!.apps!;
    expect(firstTwo.edges.map((edge) => edge.node.name)).toEqual(['a4', 'a3']);
    expect(firstTwo.pageInfo.hasNextPage).toBe(true);
    const lastTwo = (await page(owner, { last: 2, after: cursorOf('a5'), before: cursorOf('a1') })).data!.viewer!.apps!;
    expect(lastTwo.edges.map((edge) => edge.node.name)).toEqual(['a3', 'a2']);
    expect(lastTwo.pageInfo.hasPreviousPage).toBe(true);
    expect(lastTwo.pageInfo.startCursor).toBe(cursorOf('a3'));
    const lastOfAll = (await page(owner, { last: 2 })).data!.viewer!.apps!;
    expect(lastOfAll.edges.map((edge) => edge.node.name)).toEqual(['a2', 'a1']);
    expect(lastOfAll.totalCount).toBe(5);
  });

  it.each([
    ['a malformed cursor', { first: 2, after: 'not-a-cursor' }, /`after` is not a cursor from this list/],
    ['a malformed before cursor', { first: 2, before: 'QXBwOjEyMw==' }, /`before` is not a cursor from this list/],
    ['first and last together', { first: 1, last: 1 }, /either `first` or `last`/],
  ])('refuse %s with BAD_USER_INPUT on apps, keeping viewer', async (_label, args, message) => {
    const owner = await newDeveloper();
    const result = await page(owner, args);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.errors?.[0]?.path).toEqual(['viewer', 'apps']);
    expect(result.data?.viewer?.id).toBe(owner.id);
    expect(result.data?.viewer?.apps).toBeNull();
  });

  it.each([
    ['a negative first', { first: -1 }, /"first" must be between 0 and 100/],
    ['a negative last', { last: -3 }, /"last" must be between 0 and 100/],
  ])('refuse %s before running anything: BAD_USER_INPUT with no data, never a null viewer', async (_label, args, message) => {
    const owner = await newDeveloper();
    const result = await page(owner, args);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.data).toBeUndefined();
  });
});
