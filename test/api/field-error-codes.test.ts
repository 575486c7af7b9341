/**
 * A FieldError's code depends on the rule alone: the builder's validation plugin and the
 * services that run zod themselves map issues with the one @ring/domain function.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { FIELD_ERROR_CODES } from '@ring/domain';
import { execute, newDeveloper } from '../support/api.ts';
import { createAppVia } from '../support/created-apps.ts';

type Fields = { path: string[]; code: string }[];
type Answer = Record<string, { __typename: string; fields?: Fields }>;

function mutation(name: string, inputType: string): TypedDocumentNode<Answer, { input: Record<string, unknown> }> {
  return parse(`mutation($input: ${inputType}!) { result: ${name}(input: $input) { __typename ... on ValidationError { fields { path code } } } }`);
}

async function fieldErrors(name: string, inputType: string, input: Record<string, unknown>, caller: { cookie?: string }): Promise<Fields> {
  const response = await execute(mutation(name, inputType), { input }, caller);
  expect(response.errors).toBeUndefined();
  expect(response.data?.result?.__typename).toBe('ValidationError');
  return response.data!.result!.fields!;
}

describe('FieldError codes', () => {
  it('the same rule answers the same code through the validation plugin and through a service', async () => {
    const developer = await newDeveloper();
    const app = await createAppVia(developer);
    // A text over its character limit (withinTextLimit / limitedTextSchema): createApiToken runs
    // its schema in the builder's validation plugin, saveCompatibilityInfo in its service.
    const tokenName = await fieldErrors('createApiToken', 'CreateApiTokenInput', { name: 'x'.repeat(101) }, developer);
    const features = await fieldErrors('saveCompatibilityInfo', 'SaveCompatibilityInfoInput', { appId: app.app.id, features: 'x'.repeat(401) }, developer);
    expect(tokenName).toEqual([{ path: ['name'], code: 'TOO_LONG' }]);
    expect(features).toEqual([{ path: ['features'], code: 'TOO_LONG' }]);
    // An http:// URL where https is required: plugin (account linking) and service (Additional tab).
    const linking = await fieldErrors(
      'saveAccountLinking',
      'SaveAccountLinkingInput',
      {
        appId: app.app.id,
        environment: 'STAGING',
        authorizationUrl: 'http://example.com/a',
        appHomepageUrl: 'https://example.com/b',
        tokenExchangeUrl: 'https://example.com/c',
        webhookUrl: 'https://example.com/d',
      },
      developer,
    );
    const website = await fieldErrors('saveAdditionalInfo', 'SaveAdditionalInfoInput', { appId: app.app.id, websiteUrl: 'http://example.com/a' }, developer);
    expect(linking).toEqual([{ path: ['authorizationUrl'], code: 'INVALID_FORMAT' }]);
    expect(website).toEqual([{ path: ['websiteUrl'], code: 'INVALID_FORMAT' }]);
  });

  it('a required text left empty is REQUIRED through the plugin, an empty list through a service', async () => {
    const developer = await newDeveloper();
    const app = await createAppVia(developer);
    expect(await fieldErrors('createApiToken', 'CreateApiTokenInput', { name: '  ' }, developer)).toEqual([{ path: ['name'], code: 'REQUIRED' }]);
    expect(await fieldErrors('saveGeneralInfo', 'SaveGeneralInfoInput', { appId: app.app.id, categories: [] }, developer)).toEqual([
      { path: ['categories'], code: 'REQUIRED' },
    ]);
    for (const code of ['REQUIRED', 'TOO_LONG', 'INVALID_FORMAT']) expect(FIELD_ERROR_CODES).toContain(code);
  });
});
