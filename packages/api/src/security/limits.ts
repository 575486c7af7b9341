/**
 * Query limits (GraphQL Armor, and a cost rule of our own), in one place: the README's
 * Security section lists these values, and test/security/limits.test.ts checks each just
 * inside and just outside.
 *
 * Sized from what the console and GraphiQL really send: the deepest console query is
 * about 8 levels (viewer -> apps -> edges -> node -> info -> tab -> list -> field) and
 * GraphiQL's standard introspection query must pass under every limit, cost included
 * (measured with graphql 16: depth 15 with fragments flattened, cost about 15,600, 183 tokens).
 *
 * A refusal is a request error with extensions.code QUERY_LIMIT_EXCEEDED, extensions.limit
 * naming the limit, and status 400: Armor words its refusals as "Syntax Error: ...", which
 * sends a client looking for a typo.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, type ASTNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MAX_PAGE_SIZE } from './page-size.ts';

export const QUERY_LIMITS = {
  /** Nesting of selections; fragments do not add a level. */
  maxDepth: 16,
  /** Aliased fields per operation: aliases multiply work without growing the query much. */
  maxAliases: 15,
  /** Directives per operation (@include, @skip, ... repeated). */
  maxDirectives: 10,
  /** Lexical tokens per document, counted while parsing, before anything else. */
  maxTokens: 2000,
  /** Cost: objects 2, scalars 1, times 1.5 per level, times `first`/`last` of lists (a variable counts as MAX_PAGE_SIZE). */
  maxCost: 20_000,
} as const;

const COST = { object: 2, scalar: 1, depthFactor: 1.5 } as const;

export type QueryLimit = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost';

export function queryLimitError(limit: QueryLimit, message: string, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, http: { status: 400 } } });
}

/**
 * How many items a list field asks for. A variable counts at the largest page it may ask for:
 * validation runs once per document and is cached, so it must not depend on the variables'
 * values (page-size.ts refuses a larger value when the variables are known).
 */
function pageSizeOf(node: ASTNode): number {
  if (node.kind !== Kind.FIELD) return 1;
  const argument = node.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
  if (!argument) return 1;
  if (argument.value.kind === Kind.INT) return Math.max(1, Number.parseInt(argument.value.value, 10));
  if (argument.value.kind === Kind.VARIABLE) return MAX_PAGE_SIZE;
  return 1;
}

/**
 * Armor's cost rule (graphql-armor-cost-limit 2.4, flattenFragments on) computed the same way,
 * except that a variable page size counts (Armor counts `first: $n` as 1).
 */
const costLimitRule: ValidationRule = (context) => {
  const visitedFragments = new Map<string, number>();
  const costOf = (node: ASTNode): number => {
    if (node.kind === Kind.OPERATION_DEFINITION) return node.selectionSet.selections.reduce((sum, child) => sum + costOf(child), 0);
    let cost: number = COST.scalar;
    if ('selectionSet' in node && node.selectionSet) {
      cost = COST.object;
      for (const child of node.selectionSet.selections) {
        const flattened = child.kind === Kind.INLINE_FRAGMENT || child.kind === Kind.FRAGMENT_SPREAD;
        cost += (flattened ? 1 : COST.depthFactor) * costOf(child);
      }
      cost *= pageSizeOf(node);
    } else if (node.kind === Kind.FRAGMENT_SPREAD) {
      const name = node.name.value;
      // -1 while its own cost is being computed: a cycle (refused by NoFragmentCycles anyway) ends here.
      const known = visitedFragments.get(name);
      if (known !== undefined) return cost + COST.depthFactor * Math.max(known, 0);
      visitedFragments.set(name, -1);
      const fragment = context.getFragment(name);
      if (fragment) {
        const fragmentCost = costOf(fragment);
        cost += fragmentCost;
        visitedFragments.set(name, fragmentCost);
      }
    }
    return cost;
  };
  return {
    OperationDefinition(operation) {
      const cost = costOf(operation);
      if (cost > QUERY_LIMITS.maxCost) {
        context.reportError(queryLimitError('cost', `Query cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${cost}.`, [operation]));
      }
    },
  };
};

const ARMOR_REFUSALS: [RegExp, QueryLimit][] = [
  [/^Syntax Error: (Query depth limit of .*)$/s, 'depth'],
  [/^Syntax Error: (Aliases limit of .*)$/s, 'aliases'],
  [/^Syntax Error: (Directives limit of .*)$/s, 'directives'],
  [/^Syntax Error: (Token limit of .*)$/s, 'tokens'],
];

/** Armor's refusal as ours (code, limit, 400), anything else as it was. */
function asLimitError(error: GraphQLError): GraphQLError {
  for (const [pattern, limit] of ARMOR_REFUSALS) {
    const match = pattern.exec(error.message);
    if (match) return queryLimitError(limit, match[1]!, error.nodes);
  }
  return error;
}

/** Armor's limits, our cost rule, and both refusals as QUERY_LIMIT_EXCEEDED. */
export function queryLimitsPlugins(options: { production: boolean }): Plugin[] {
  // Armor's validation rules throw their refusal, which yoga answers as a 200 whatever the
  // client accepts; reported instead, it is a validation error like any other (and ours).
  const report = { propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(asLimitError(error))] };
  return [
    EnvelopArmorPlugin({
      maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ignoreIntrospection: false, ...report },
      maxAliases: { n: QUERY_LIMITS.maxAliases, ...report },
      maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...report },
      // Counted while parsing, with no validation context to report to: its thrown error is rewritten in onParse.
      maxTokens: { n: QUERY_LIMITS.maxTokens },
      // Ours below: Armor's ignores `first: $variable` (it counted 1 for a page of 100000).
      costLimit: { enabled: false },
      // "Did you mean ...?" lets a stranger map a schema without introspection; developers get it outside production.
      blockFieldSuggestion: { enabled: options.production },
    }) as Plugin,
    {
      onValidate({ addValidationRule }) {
        addValidationRule(costLimitRule);
      },
      onParse() {
        return ({ result, replaceParseResult }) => {
          if (result instanceof GraphQLError) replaceParseResult(asLimitError(result));
        };
      },
    },
  ];
}
