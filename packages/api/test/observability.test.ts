import { describe, expect, it } from 'vitest';
import { describeError } from '../src/observability/logger.ts';
import { requestIdFrom } from '../src/observability/request-id.ts';

describe('request ids', () => {
  it('keeps a sane incoming id and replaces anything else with a fresh UUID', () => {
    expect(requestIdFrom('proxy-1234abcd')).toBe('proxy-1234abcd');
    expect(requestIdFrom('a1b2c3d4:e5.f6_g7')).toBe('a1b2c3d4:e5.f6_g7');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const insane of [null, undefined, '', 'short', 'has space in it', 'line\nbreak-injection', 'x'.repeat(129), '"quoted-value"']) {
      expect(requestIdFrom(insane)).toMatch(uuid);
    }
    expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
  });
});

describe('describeError', () => {
  it('gives the stack and follows causes', () => {
    const text = describeError(new Error('outer failure', { cause: new TypeError('inner failure') }));
    expect(text).toMatch(/^Error: outer failure\n\s+at /);
    expect(text).toMatch(/Caused by: TypeError: inner failure/);
    expect(describeError('plain')).toBe('plain');
  });
});
