/**
 * Query limits (GraphQL Armor), in one place: the README's Security section lists these
 * values, and test/security/limits.test.ts checks each just inside and just outside.
 *
 * Sized from what the console and GraphiQL really send: the deepest console query is
 * about 8 levels (viewer -> apps -> edges -> node -> info -> tab -> list -> field) and
 * GraphiQL's standard introspection query must pass under every limit, cost included
 * (measured with graphql 16: depth 15 with fragments flattened, cost about 15,600, 183 tokens).
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';

export const QUERY_LIMITS = {
  /** Nesting of selections; fragments do not add a level. */
  maxDepth: 16,
  /** Aliased fields per operation: aliases multiply work without growing the query much. */
  maxAliases: 15,
  /** Directives per operation (@include, @skip, ... repeated). */
  maxDirectives: 10,
  /** Lexical tokens per document, counted while parsing, before anything else. */
  maxTokens: 2000,
  /** Armor's cost: objects 2, scalars 1, times 1.5 per level, times `first`/`last` of lists. */
  maxCost: 20_000,
} as const;

export function queryLimitsPlugin(options: { production: boolean }) {
  return EnvelopArmorPlugin({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ignoreIntrospection: false },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    costLimit: {
      maxCost: QUERY_LIMITS.maxCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1.5,
      flattenFragments: true,
      // Introspection is allowed, but not as a way around the cost limit.
      ignoreIntrospection: false,
    },
    // "Did you mean ...?" lets a stranger map a schema without introspection; developers get it outside production.
    blockFieldSuggestion: { enabled: options.production },
  });
}
