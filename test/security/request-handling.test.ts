/**
 * How the API handles requests at its edge, through yoga.fetch: CORS, CSRF for cookie and
 * bearer requests, page-size and query limits (with their codes and statuses), and input that
 * must be refused as the caller's mistake rather than end in a 500.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi, CSRF_HEADER, MAX_PAGE_SIZE, parseCorsOrigins, QUERY_LIMITS } from '@ring/api';
import { AppInfoPage_SaveGeneralInfoDocument } from '@ring/client';
import { api, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { multipartBody, png, sendForm } from '../support/media.ts';

const GRAPHQL = 'http://yoga/graphql';
const RESPONSE_JSON = 'application/graphql-response+json';
const EVIL = 'https://evil.example';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function postJson(body: unknown, headers: Record<string, string> = {}, instance = api) {
  const response = await instance.fetch(
    GRAPHQL,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: RESPONSE_JSON, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    { clientAddress: '127.0.0.1' },
  );
  const text = await response.text();
  let parsed: Body;
  try {
    parsed = JSON.parse(text) as Body;
  } catch {
    parsed = { errors: [{ message: text }] };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

let developer: Awaited<ReturnType<typeof newDeveloper>>;
beforeAll(async () => {
  developer = await newDeveloper('edge');
});

describe('CORS', () => {
  const preflight = (origin: string, instance = api) =>
    instance.fetch(GRAPHQL, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });

  it('gives a foreign origin neither Access-Control-Allow-Origin nor -Credentials, on preflight or POST', async () => {
    const answer = await preflight(EVIL);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    const post = await postJson({ query: '{ __typename }' }, { origin: EVIL, cookie: developer.cookie });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows an origin listed in CORS_ORIGINS, never with credentials; others stay refused', async () => {
    const listed = createApi({ corsOrigins: ['https://tools.example', 'http://localhost:5173'] });
    const answer = await preflight('https://tools.example', listed);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://tools.example');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answer.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const post = await postJson({ query: '{ __typename }' }, { origin: 'http://localhost:5173', authorization: `Bearer ${developer.token}` }, listed);
    expect(post.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(post.headers.get('access-control-allow-credentials')).toBeNull();
    expect(post.headers.get('vary') ?? '').toMatch(/origin/i);
    const evil = await preflight(EVIL, listed);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('reads CORS_ORIGINS as exact origins and refuses anything else, naming the bad entry', () => {
    expect(parseCorsOrigins(undefined)).toEqual([]);
    expect(parseCorsOrigins('')).toEqual([]);
    expect(parseCorsOrigins(' https://a.example , http://localhost:8080')).toEqual(['https://a.example', 'http://localhost:8080']);
    for (const bad of [
      '*',
      'https://a.example/',
      'https://a.example/path',
      'a.example',
      'ftp://a.example',
      'https://user@a.example',
      'https://a.example,,https://b.example',
    ]) {
      expect(() => parseCorsOrigins(bad), bad).toThrow(/^CORS_ORIGINS /);
    }
    expect(() => parseCorsOrigins('https://a.example,https://a.example/x')).toThrow(/"https:\/\/a\.example\/x"/);
  });
});

describe('CSRF', () => {
  const getQuery = (headers: Record<string, string>) =>
    api.fetch(`${GRAPHQL}?query=${encodeURIComponent('{ viewer { email } }')}`, { headers: { accept: RESPONSE_JSON, ...headers } });

  it('lets a bearer-authenticated GET through without the CSRF header (what stock urql sends)', async () => {
    const response = await getQuery({ authorization: `Bearer ${developer.token}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { viewer: { email: developer.email } } });
  });

  it('still refuses a cookie-authenticated or anonymous GET without the header, naming the header', async () => {
    for (const headers of [{ cookie: developer.cookie }, {}] as Record<string, string>[]) {
      const response = await getQuery(headers);
      expect(response.status).toBe(403);
      const body = (await response.json()) as Body;
      expect(body.errors?.[0]?.message).toContain(CSRF_HEADER);
      expect(body.errors?.[0]?.extensions?.code).toBe('CSRF_HEADER_REQUIRED');
    }
    expect((await getQuery({ cookie: developer.cookie, [CSRF_HEADER]: '1' })).status).toBe(200);
  });

  it('still refuses a cookie-authenticated multipart request without the header', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: 'mutation { signOut { __typename } }', variables: {} }));
    form.set('map', '{}');
    const response = await api.fetch(GRAPHQL, { method: 'POST', headers: { cookie: developer.cookie }, body: form });
    expect(response.status).toBe(403);
  });
});

describe('page size of connections', () => {
  const apps = (first: string, variables?: Record<string, unknown>) =>
    postJson(
      { query: `query${first === '$n' ? '($n: Int)' : ''} { viewer { apps(first: ${first}) { edges { node { id } } } } }`, variables },
      { authorization: `Bearer ${developer.token}` },
    );

  it(`accepts first/last up to ${100} and refuses one more, inline or as a variable, with BAD_USER_INPUT`, async () => {
    expect(MAX_PAGE_SIZE).toBe(100);
    expect((await apps('100')).body.errors).toBeUndefined();
    expect((await apps('$n', { n: 100 })).body.errors).toBeUndefined();
    expect((await apps('0')).body.errors).toBeUndefined();
    for (const refused of [await apps('101'), await apps('$n', { n: 101 }), await apps('$n', { n: 100_000 }), await apps('-1')]) {
      expect(refused.status).toBe(400);
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors?.[0]?.message).toMatch(/"first" must be between 0 and 100/);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const last = await postJson(
      { query: 'query($n: Int) { viewer { apps(last: $n) { totalCount } } }', variables: { n: 101 } },
      { authorization: `Bearer ${developer.token}` },
    );
    expect(last.body.errors?.[0]?.message).toMatch(/"last" must be between 0 and 100/);
  });

  it('says so in the schema', async () => {
    const result = await postJson({ query: '{ __type(name: "Developer") { fields { name args { name description } } } }' });
    const field = (result.body.data!.__type as { fields: { name: string; args: { name: string; description: string }[] }[] }).fields.find(
      (f) => f.name === 'apps',
    )!;
    expect(field.args.find((arg) => arg.name === 'first')!.description).toMatch(/at most 100/);
    expect(field.args.find((arg) => arg.name === 'last')!.description).toMatch(/at most 100/);
  });

  it('counts a page size given as a variable in the cost, at its value', async () => {
    // 6 aliased pages of apps with 36 scalars each: about 1,200 at 1 item each, about 117,900 at 100.
    const scalars = Array.from({ length: 6 }, () => 'id name createdAt publishedAt publicName currentStep').join(' ');
    const many = (first: string) =>
      `query${first === '$n' ? '($n: Int)' : ''} { viewer { ${Array.from({ length: 6 }, (_, i) => `a${i}: apps(first: ${first}) { edges { node { ${scalars} } } }`).join(' ')} } }`;
    for (const [first, variables] of [
      ['1', undefined],
      ['$n', { n: 1 }],
    ] as const) {
      expect((await postJson({ query: many(first), variables }, { authorization: `Bearer ${developer.token}` })).body.errors).toBeUndefined();
    }
    for (const [first, variables] of [
      ['100', undefined],
      ['$n', { n: 100 }],
    ] as const) {
      const refused = await postJson({ query: many(first), variables }, { authorization: `Bearer ${developer.token}` });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.message).toBe('Query cost limit of 100000 exceeded, found 117902.');
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    }
  });
});

describe('query limit violations carry a code and a 4xx status', () => {
  const repeat = (count: number, item: (index: number) => string) => Array.from({ length: count }, (_, index) => item(index)).join(' ');
  const cases: [string, string, RegExp][] = [
    [
      'depth',
      `{ __type(name: "Query") { ${'ofType { '.repeat(QUERY_LIMITS.maxDepth - 1)}name${' }'.repeat(QUERY_LIMITS.maxDepth - 1)} } }`,
      /^Query depth limit of 16 exceeded/,
    ],
    ['aliases', `{ ${repeat(QUERY_LIMITS.maxAliases + 1, (i) => `a${i}: __type(name: "Query") { name }`)} }`, /^Aliases limit of 15 exceeded/],
    ['directives', `{ ${repeat(QUERY_LIMITS.maxDirectives + 1, (i) => `d${i}: __typename @include(if: true)`)} }`, /^Directives limit of 10 exceeded/],
    ['tokens', `{ ${repeat(QUERY_LIMITS.maxTokens, () => '__typename')} }`, /^Token limit of 2000 exceeded/],
    [
      'cost',
      `{ viewer { ${repeat(6, (i) => `a${i}: apps(first: 100) { edges { node { ${repeat(6, () => 'id name createdAt publishedAt publicName currentStep')} } } }`)} } }`,
      /^Query cost limit of 100000 exceeded, found 117902/,
    ],
  ];
  for (const [limit, query, message] of cases) {
    it(`${limit}: QUERY_LIMIT_EXCEEDED, 400, no "Syntax Error"`, async () => {
      const result = await postJson({ query });
      expect(result.status).toBe(400);
      expect(result.body.errors).toHaveLength(1);
      expect(result.body.errors![0]!.message).toMatch(message);
      expect(result.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit });
    });
  }
});

describe('input refused as the caller’s mistake, not a 500', () => {
  const tokenMutation = 'mutation($name: String!) { createApiToken(input: { name: $name }) { __typename } }';
  const auth = () => ({ authorization: `Bearer ${developer.token}` });

  it('refuses a NUL character in a variable or an inline string with BAD_USER_INPUT naming where', async () => {
    const variable = await postJson({ query: tokenMutation, variables: { name: 'a\u0000b' } }, auth());
    expect(variable.status).toBe(400);
    expect(variable.body.errors?.[0]?.message).toMatch(/"\$name".*NUL/);
    expect(variable.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const inline = await postJson({ query: 'mutation { createApiToken(input: { name: "a\\u0000b" }) { __typename } }' }, auth());
    expect(inline.status).toBe(400);
    expect(inline.body.errors?.[0]?.message).toMatch(/NUL/);
    expect(inline.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a lone surrogate in a variable (deep inside it) or an inline string', async () => {
    const query = 'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { __typename } }';
    const variable = await postJson(`{"query":${JSON.stringify(query)},"variables":{"input":{"name":"x\\ud800y"}}}`, auth());
    expect(variable.status).toBe(400);
    expect(variable.body.errors?.[0]?.message).toMatch(/"\$input\.name".*surrogate/);
    expect(variable.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const inline = await postJson(`{"query":${JSON.stringify('mutation { createApiToken(input: { name: "a\\ud800b" }) { __typename } }')}}`, auth());
    expect(inline.status).toBe(400);
    expect(inline.body.errors?.[0]?.message).toMatch(/surrogate|Unicode/);
  });

  it('refuses variables nested 5,000 deep, and takes 32 levels', async () => {
    // Written out: JSON.stringify itself runs out of stack on 5,000 levels.
    const nested = (depth: number) => `${'['.repeat(depth)}"leaf"${']'.repeat(depth)}`;
    const query = JSON.stringify('query($v: [String]) { __typename }');
    const send = (depth: number) => postJson(`{"query":${query},"variables":{"v":${nested(depth)}}}`);
    const deep = await send(5000);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.message).toMatch(/nested deeper than 32 levels/);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const justOver = await send(32);
    expect(justOver.body.errors?.[0]?.message).toMatch(/nested deeper than 32 levels/);
    // 31 arrays around the leaf, under the variables object: 32 levels. (It is the wrong shape for [String], which is a different error.)
    const inside = await send(31);
    expect(inside.body.errors?.[0]?.message ?? '').not.toMatch(/nested deeper/);
  });

  it('refuses a string or an object given for a File variable with BAD_USER_INPUT', async () => {
    const app = await insertApp(developer.id);
    for (const icon of ['not a file', { name: 'x.png', size: 3 }]) {
      const result = await postJson(
        {
          query: 'mutation($input: SaveGeneralInfoInput!) { saveGeneralInfo(input: $input) { __typename } }',
          variables: { input: { appId: app.globalId, icon } },
        },
        auth(),
      );
      expect(result.status).toBe(400);
      expect(result.body.errors?.[0]?.message).toMatch(/File.*multipart/);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const inline = await postJson({ query: `mutation { saveGeneralInfo(input: { appId: "${app.globalId}", icon: "x" }) { __typename } }` }, auth());
    expect(inline.status).toBe(400);
    expect(inline.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a file mapped onto a String variable with BAD_USER_INPUT', async () => {
    const form = multipartBody(tokenMutation, { name: null }, { name: { bytes: png(8, 8), name: 'x.png' } });
    const result = await sendForm(form, { token: developer.token });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/"\$name".*file/i);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('still saves a real file on a File variable', async () => {
    const app = await insertApp(developer.id);
    const result = await sendForm(
      multipartBody(
        AppInfoPage_SaveGeneralInfoDocument,
        { input: { appId: app.globalId } as never },
        { 'input.icon': { bytes: png(1024, 1024), name: 'icon.png' } },
      ),
      { token: developer.token },
    );
    expect(result.errors).toBeUndefined();
  });
});

it('names the CSRF header it wants', () => {
  expect(CSRF_HEADER).toBe('x-graphql-yoga-csrf');
});
