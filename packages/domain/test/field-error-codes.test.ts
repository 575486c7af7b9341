import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiTokenSchema, generalInfoSchema, reissueCredentialsSchema, signUpSchema } from '../src/index.ts';
import { FIELD_ERROR_CODES, isFieldErrorCode } from '../src/field-error-codes.ts';
import { fieldIssues } from '../src/validation.ts';

const root = join(import.meta.dirname, '../..');

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Every field-error code literal in the code that builds FieldErrors: `code: ...` (not a GraphQL
 * error's `extensions: { code }`), `params: { code }` of a zod rule, ValidationError.field(..., 'CODE')
 * and the lists code is compared against.
 */
function emittedCodes(text: string): string[] {
  const codes: string[] = [];
  const literals = (fragment: string) => [...fragment.matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1]!);
  for (const match of text.matchAll(/(extensions: \{[^\n]*?)?\bcode\??:\s*([^,}\n]+)/g)) if (!match[1]) codes.push(...literals(match[2]!));
  for (const match of text.matchAll(/ValidationError\.field\([^;]*?,\s*('[A-Z_]+'),?\s*\)/g)) codes.push(...literals(match[1]!));
  for (const match of text.matchAll(/\[([^\]]*)\][^\n]*\.code\b/g)) codes.push(...literals(match[1]!));
  return codes;
}

describe('FIELD_ERROR_CODES', () => {
  const files = [...sources(join(root, 'domain/src')), ...sources(join(root, 'api/src/modules'))];

  it('holds every code the API and the domain rules can emit', () => {
    const found = new Map<string, string>();
    for (const file of files) for (const code of emittedCodes(readFileSync(file, 'utf8'))) found.set(code, file);
    // The scan itself works: these are emitted in known places.
    for (const known of ['TOO_LONG', 'QUOTA_EXCEEDED', 'TRUNCATED', 'NO_WEBHOOK_URL', 'EXPIRED', 'TOO_MANY_COMBINING_MARKS', 'UNKNOWN_DURATION'])
      expect(found.has(known), known).toBe(true);
    const outside = [...found].filter(([code]) => !isFieldErrorCode(code));
    expect(outside).toEqual([]);
  });

  it('has no duplicates and only SCREAMING_SNAKE_CASE codes', () => {
    expect(new Set(FIELD_ERROR_CODES).size).toBe(FIELD_ERROR_CODES.length);
    for (const code of FIELD_ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });
});

describe('fieldIssues', () => {
  const codes = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? {} : Object.fromEntries(fieldIssues(result.error).map((issue) => [issue.path.join('.'), issue.code]));
  };

  it('maps a rule to one code whatever the schema: named codes kept, zod checks by kind', () => {
    expect(codes(createApiTokenSchema, { name: 'x'.repeat(101) })).toEqual({ name: 'TOO_LONG' });
    expect(codes(createApiTokenSchema, { name: ' ' })).toEqual({ name: 'REQUIRED' });
    expect(codes(signUpSchema, { email: 'nope', password: 'short', name: 'Ada' })).toEqual({ email: 'INVALID_FORMAT', password: 'TOO_SHORT' });
    expect(codes(reissueCredentialsSchema, { reason: 'too short' })).toEqual({ reason: 'TOO_SHORT' });
    expect(codes(generalInfoSchema, { categories: ['NOPE'], shortDescription: 'x'.repeat(126) })).toEqual({
      categories: 'NOT_ALLOWED',
      shortDescription: 'TOO_LONG',
    });
    expect(codes(z.object({ count: z.number() }), { count: 'one' })).toEqual({ count: 'INVALID_TYPE' });
    expect(codes(z.object({ list: z.array(z.string()).max(1) }), { list: ['a', 'b'] })).toEqual({ list: 'TOO_MANY' });
  });

  it('makes paths relative to the input argument, as the builder reports them', () => {
    const issues = [{ path: ['input', { key: 'additionalImages' }, 2], message: 'Bad.', code: 'custom', params: { code: 'DUPLICATE' } }];
    expect(fieldIssues(issues, { under: 'input' })).toEqual([{ path: ['additionalImages', '2'], message: 'Bad.', code: 'DUPLICATE' }]);
    expect(fieldIssues([{ path: ['name'], message: 'Bad.', code: 'custom', params: { code: 'NOT_A_CODE' } }])[0]!.code).toBe('INVALID');
  });
});
