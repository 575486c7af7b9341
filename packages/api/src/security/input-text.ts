/**
 * Text the database cannot store, refused where it enters: PostgreSQL's text holds neither a
 * NUL character nor an unpaired UTF-16 surrogate (which has no UTF-8 form), and either one
 * reaching a query failed there as an unexpected error (500). Variables are checked as they
 * arrive, with a bound on their nesting (5,000 nested lists also ended in a 500); strings
 * written in the query itself by a validation rule.
 */
import { GraphQLError, type GraphQLErrorOptions, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Objects and lists inside each other in `variables`, the variables object itself included. */
export const MAX_VARIABLES_DEPTH = 32;

const badInput = (message: string, extra: GraphQLErrorOptions = {}) =>
  new GraphQLError(message, { ...extra, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string as text, or null. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which text may not hold';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate, which is not a Unicode character';
  return null;
}

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  // Files from a multipart request are objects too; only JSON's plain objects are walked.
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

function variablesProblem(variables: Record<string, unknown>): GraphQLError | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: variables, path: '$', depth: 1 }];
  while (pending.length) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return badInput(`Variable "${path}" ${problem}.`);
      continue;
    }
    if (!isContainer(value)) continue;
    if (depth > MAX_VARIABLES_DEPTH) return badInput(`Variables are nested deeper than ${MAX_VARIABLES_DEPTH} levels (at "${path}").`);
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      if (keyProblem) return badInput(`A key in variable "${path}" ${keyProblem}.`);
      pending.push({ value: child, path: path === '$' ? `$${key}` : `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/** Strings written in the query (`name: "..."`). */
const textLiteralRule: ValidationRule = (context) => ({
  StringValue(node) {
    const problem = textProblem(node.value);
    if (problem) context.reportError(badInput(`A string in the query ${problem}.`, { nodes: [node] }));
  },
});

export function useTextInputChecks(): Plugin {
  return {
    onParams({ params }) {
      if (params.variables && typeof params.variables === 'object') {
        const problem = variablesProblem(params.variables as Record<string, unknown>);
        if (problem) throw problem;
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(textLiteralRule);
    },
  };
}
