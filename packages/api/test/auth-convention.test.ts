/**
 * The module shape's auth convention, checked on the sources: scope-auth decides who may call
 * (t.withAuth / developerMutation), resolvers get a narrowed viewer, and queries live in
 * *.queries.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const modules = join(import.meta.dirname, '../src/modules');
const files = readdirSync(modules, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
  .map((entry) => ({ name: relative(modules, join(entry.parentPath, entry.name)), text: readFileSync(join(entry.parentPath, entry.name), 'utf8') }));

const offenders = (pattern: RegExp, except: (name: string) => boolean = () => false) =>
  files.filter((file) => !except(file.name) && pattern.test(file.text)).map((file) => file.name);

describe('auth convention', () => {
  it('reads the modules (the walk itself works)', () => {
    expect(files.map((file) => file.name)).toContain('apps/apps.queries.ts');
  });

  it('no resolver asserts the viewer or refuses by hand', () => {
    expect(offenders(/viewer!/)).toEqual([]);
    expect(offenders(/new GraphQLError\(/)).toEqual([]);
    expect(offenders(/role === 'SUPPORT'|role !== 'SUPPORT'/)).toEqual([]);
  });

  it('every scope goes through t.withAuth or developerMutation, never a bare authScopes option', () => {
    expect(offenders(/\bauthScopes:/)).toEqual([]);
  });

  it('queries live in *.queries.ts; mutations with a developer scope use developerMutation', () => {
    expect(offenders(/builder\.queryFields?\(/, (name) => name.endsWith('.queries.ts'))).toEqual([]);
    expect(offenders(/builder\.mutationField\([^;]*withAuth/s, (name) => name === 'shared/developer-mutation.ts')).toEqual([]);
  });
});
