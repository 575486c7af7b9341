import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_DEFINITION_SCHEMA_PATH, printedAppDefinitionSchema } from '../scripts/write-app-definition-schema.ts';
import { appDefinitionIssues, appDefinitionSchema, jsonPointer, SHORT_DESCRIPTION_MAX } from '../src/index.ts';

const problems = (definition: unknown) => {
  const result = appDefinitionSchema.safeParse(definition);
  return result.success ? [] : appDefinitionIssues(result.error).map((issue) => ({ pointer: jsonPointer(issue.path), code: issue.code }));
};

describe('app definition', () => {
  it('app-definition.schema.json is current (run `node scripts/pnpm.mjs exec tsx packages/domain/scripts/write-app-definition-schema.ts` after changing the definition)', () => {
    expect(readFileSync(APP_DEFINITION_SCHEMA_PATH, 'utf8')).toBe(printedAppDefinitionSchema());
  });

  it('the JSON Schema is generated from the rules: refuses unknown keys and names the format version', () => {
    const schema = JSON.parse(printedAppDefinitionSchema());
    expect(schema.properties.version.const).toBe(1);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties.appInfo.properties)).toEqual(['general', 'media', 'compatibility', 'additional']);
    expect(Object.keys(schema.properties.accountLinking.properties)).toEqual(['staging', 'production']);
  });

  it('applies the tab rules and answers every problem at its pointer, an unknown key at its own', () => {
    expect(
      problems({
        version: 1,
        appInfo: { general: { shortDescription: 'x'.repeat(SHORT_DESCRIPTION_MAX + 1), publicNam: 'Typo' }, media: { additionalImages: [] } },
        accountLinking: {
          production: { authorizationUrl: 'http://example.com', appHomepageUrl: 'https://example.com', tokenExchangeUrl: 'https://example.com/t' },
        },
      }),
    ).toEqual([
      { pointer: '/appInfo/general/shortDescription', code: 'TOO_LONG' },
      { pointer: '/appInfo/general/publicNam', code: 'NOT_ALLOWED' },
      { pointer: '/appInfo/media/additionalImages', code: 'TOO_FEW' },
      { pointer: '/accountLinking/production/authorizationUrl', code: 'INVALID_FORMAT' },
      { pointer: '/accountLinking/production/webhookUrl', code: 'REQUIRED' },
    ]);
  });

  it('accepts a short description of exactly the limit and refuses one more; refuses another format version', () => {
    expect(problems({ version: 1, appInfo: { general: { shortDescription: 'é'.repeat(SHORT_DESCRIPTION_MAX) } } })).toEqual([]);
    expect(problems({ version: 1, appInfo: { general: { shortDescription: 'é'.repeat(SHORT_DESCRIPTION_MAX + 1) } } })).toEqual([
      { pointer: '/appInfo/general/shortDescription', code: 'TOO_LONG' },
    ]);
    expect(problems({ version: 2 })).toEqual([{ pointer: '/version', code: 'NOT_ALLOWED' }]);
  });

  it('escapes pointer segments as RFC 6901 says', () => {
    expect(jsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });
});
