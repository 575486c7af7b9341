/**
 * Query limits (packages/api/src/security/limits.ts): each just inside and just outside, the
 * outside one refused before execution starts. A plugin counts executions, and a refused
 * mutation is also shown to have written nothing.
 */
import { getIntrospectionQuery } from 'graphql';
import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@ring/db';
import { createApi, CSRF_HEADER, QUERY_LIMITS } from '@ring/api';
import type { Plugin } from 'graphql-yoga';
import { newDeveloper } from '../support/api.ts';

let executions = 0;
const countExecutions: Plugin = {
  onExecute: () => {
    executions += 1;
  },
};
const api = createApi({ plugins: [countExecutions], production: true });
const development = createApi({ plugins: [countExecutions], production: false });

async function post(query: string, token?: string, instance = api) {
  const response = await instance.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
}

/** Passes, and execution ran. */
async function expectAccepted(query: string, token?: string) {
  const result = await post(query, token);
  expect(result.errors).toBeUndefined();
  expect(executions).toBe(1);
  return result;
}

/** Refused with the limit's message, and nothing executed. */
async function expectRefused(query: string, message: RegExp, token?: string) {
  const result = await post(query, token);
  expect(result.errors?.map((error) => error.message)).toEqual([expect.stringMatching(message)]);
  expect(result.data ?? null).toBeNull();
  expect(executions).toBe(0);
}

beforeEach(() => {
  executions = 0;
});

const repeat = (count: number, item: (index: number) => string) => Array.from({ length: count }, (_, index) => item(index)).join(' ');

describe('query limits', () => {
  it('has the documented values', () => {
    expect(QUERY_LIMITS).toEqual({ maxDepth: 16, maxAliases: 15, maxDirectives: 10, maxTokens: 2000, maxCost: 100_000 });
  });

  it(`depth: ${QUERY_LIMITS.maxDepth} levels pass, one more is refused`, async () => {
    // __type (1) + ofType levels + name (1)
    const deep = (depth: number) => `{ __type(name: "Query") { ${'ofType { '.repeat(depth - 2)}name${' }'.repeat(depth - 2)} } }`;
    await expectAccepted(deep(QUERY_LIMITS.maxDepth));
    executions = 0;
    await expectRefused(deep(QUERY_LIMITS.maxDepth + 1), /depth limit of 16 exceeded, found 17/);
  });

  it(`aliases: ${QUERY_LIMITS.maxAliases} pass, one more is refused and its mutations never run`, async () => {
    const { token } = await newDeveloper('aliases');
    const name = `alias-${Date.now()}`;
    const mutation = (count: number) => `mutation { ${repeat(count, (i) => `t${i}: createApiToken(input: { name: "${name}-${count}" }) { __typename }`)} }`;
    await expectAccepted(mutation(QUERY_LIMITS.maxAliases), token);
    expect(await prisma.apiToken.count({ where: { name: `${name}-${QUERY_LIMITS.maxAliases}` } })).toBe(QUERY_LIMITS.maxAliases);
    executions = 0;
    await expectRefused(mutation(QUERY_LIMITS.maxAliases + 1), /Aliases limit of 15 exceeded, found 16/, token);
    expect(await prisma.apiToken.count({ where: { name: `${name}-${QUERY_LIMITS.maxAliases + 1}` } })).toBe(0);
  });

  it(`directives: ${QUERY_LIMITS.maxDirectives} pass, one more is refused`, async () => {
    // One directive per (aliased) field: a directive may appear only once per location.
    const query = (count: number) => `{ ${repeat(count, (i) => `d${i}: __typename @include(if: true)`)} }`;
    await expectAccepted(query(QUERY_LIMITS.maxDirectives));
    executions = 0;
    await expectRefused(query(QUERY_LIMITS.maxDirectives + 1), /Directives limit of 10 exceeded, found 11/);
  });

  it(`tokens: ${QUERY_LIMITS.maxTokens} pass, one more is refused while parsing`, async () => {
    // "{" and "}" are 2 tokens, `__type(name: "Query") { name }` 9 and `__typename` 1. (Thousands of
    // identical `__typename` would trip graphql-js's own field-merging budget first.)
    const query = (tokens: number) => {
      const types = Math.floor((tokens - 2) / 9);
      return `{ ${repeat(types, () => '__type(name: "Query") { name }')} ${repeat(tokens - 2 - types * 9, () => '__typename')} }`;
    };
    await expectAccepted(query(QUERY_LIMITS.maxTokens));
    executions = 0;
    await expectRefused(query(QUERY_LIMITS.maxTokens + 1), /Token limit of 2000 exceeded/);
  });

  // 36 scalars of an app (6 fields, each asked for 6 times: every one is counted).
  const scalars = repeat(6, () => 'id name createdAt publishedAt publicName currentStep');
  const page = (alias: string, first: string) => `${alias}: apps(first: ${first}) { edges { node { ${scalars} } } }`;
  // Under viewer (2), apps(first: n) { edges { node { 36 scalars } } } costs 1.5 x n x (2 + 1.5 x (2 + 1.5 x (2 + 36))) = 196.5 n.
  // Five full pages (a page is at most 100) and one of N: 2 + 5 x 19650 + 196.5 N: 99824 at N = 8, 100020.5 at 9.
  const costly = (last: string) =>
    `${last.startsWith('$') ? 'query($n: Int) ' : ''}{ viewer { ${repeat(5, (i) => page(`a${i}`, '100'))} ${page('last', last)} } }`;

  it(`cost: up to ${QUERY_LIMITS.maxCost} passes, just over is refused and its resolvers never run`, async () => {
    const { token } = await newDeveloper('cost');
    const inside = await expectAccepted(costly('8'), token);
    expect((inside.data as { viewer: { last: { edges: unknown[] } } }).viewer.last.edges).toEqual([]);
    executions = 0;
    await expectRefused(costly('9'), /^Query cost limit of 100000 exceeded, found 100020\.5\.$/, token);
  });

  it('counts a page size given as a variable at its value: the same 8 passes, 9 is refused', async () => {
    const { token } = await newDeveloper('cost-variable');
    const send = async (n: number) => {
      const response = await api.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: costly('$n'), variables: { n } }),
      });
      return (await response.json()) as { errors?: { message: string }[] };
    };
    expect((await send(8)).errors).toBeUndefined();
    expect(executions).toBe(1);
    executions = 0;
    expect((await send(9)).errors?.map((error) => error.message)).toEqual(['Query cost limit of 100000 exceeded, found 100020.5.']);
    expect(executions).toBe(0);
  });

  it('lets the standard introspection query through under the same limits (GraphiQL needs it)', async () => {
    for (const query of [
      getIntrospectionQuery(),
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }),
    ]) {
      executions = 0;
      const result = await expectAccepted(query);
      expect((result.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(10);
    }
  });

  it('hides field suggestions in production, shows them in development', async () => {
    const hidden = await post('{ viewr { email } }');
    expect(hidden.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(hidden.errors?.[0]?.message).toMatch(/Cannot query field "viewr"/);
    const shown = await post('{ viewr { email } }', undefined, development);
    expect(shown.errors?.[0]?.message).toMatch(/Did you mean "viewer"/);
    expect(executions).toBe(0);
  });
});

describe('request id in-process', () => {
  it('answers with the caller’s sane x-request-id, or a fresh one', async () => {
    const withId = await api.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'tool-run-000042' },
      body: '{"query":"{ __typename }"}',
    });
    expect(withId.headers.get('x-request-id')).toBe('tool-run-000042');
    const without = await api.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(without.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
