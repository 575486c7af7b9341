import { readFileSync } from 'node:fs';
import { isInputObjectType, isInterfaceType, isObjectType, isEnumType, isUnionType, isScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from '../scripts/print-schema.ts';
import { schema } from '../src/modules/index.ts';

describe('schema', () => {
  it('matches the committed schema.graphql (run `pnpm --filter @ring/api schema:write` after changing the API)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printedSchema());
  });

  it('describes every public type, field, argument, input field and enum value (GraphiQL shows them)', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('answers every mutation with a union whose errors implement Error, named <Mutation>Result', () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    for (const mutation of mutations) {
      const type = mutation.type.toString().replace(/!$/, '');
      expect(type).toBe(`${mutation.name[0]!.toUpperCase()}${mutation.name.slice(1)}Result`);
      const union = schema.getType(type);
      expect(isUnionType(union)).toBe(true);
      if (!isUnionType(union)) continue;
      const errors = union.getTypes().filter((member) => member.getInterfaces().some((iface) => iface.name === 'Error'));
      expect(errors.length).toBeGreaterThan(0);
      expect(union.getTypes().length - errors.length).toBe(1);
    }
  });
});
