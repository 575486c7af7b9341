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
import { getOperationAST, GraphQLError, Kind, type ASTNode, type DocumentNode, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const QUERY_LIMITS = {
  /** Nesting of selections; fragments do not add a level. */
  maxDepth: 16,
  /** Aliased fields per operation: aliases multiply work without growing the query much. */
  maxAliases: 15,
  /** Directives per operation (@include, @skip, ... repeated). */
  maxDirectives: 10,
  /** Lexical tokens per document, counted while parsing, before anything else. */
  maxTokens: 2000,
  /**
   * Cost: objects 2, scalars 1, times 1.5 per level, times `first`/`last` of lists (written in
   * the query or a variable). Every field of 50 apps with all their tabs costs about 87,100
   * (a page of them, as bench/ and test/api/sql-per-request.test.ts ask), 100 of them 174,300.
   */
  maxCost: 100_000,
} as const;

const COST = { object: 2, scalar: 1, depthFactor: 1.5 } as const;

export type QueryLimit = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost';

export function queryLimitError(limit: QueryLimit, message: string, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, http: { status: 400 } } });
}

/**
 * How many items a list field asks for, written in the query or passed as a variable (Armor's
 * rule counts `first: $n` as 1: 100000 cost as little as 1).
 */
function pageSizeOf(node: ASTNode, variables: Record<string, unknown>): number {
  if (node.kind !== Kind.FIELD) return 1;
  const argument = node.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
  if (!argument) return 1;
  const value =
    argument.value.kind === Kind.INT
      ? Number.parseInt(argument.value.value, 10)
      : argument.value.kind === Kind.VARIABLE
        ? variables[argument.value.name.value]
        : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(1, value) : 1;
}

/**
 * Armor's cost (graphql-armor-cost-limit 2.4, flattenFragments on), computed the same way but
 * with variables. It runs when the operation is about to execute, not as a validation rule:
 * validation results are cached per document, and the cost depends on the variables.
 */
export function operationCost(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const fragments = new Map(
    document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
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
      cost *= pageSizeOf(node, variables);
    } else if (node.kind === Kind.FRAGMENT_SPREAD) {
      const name = node.name.value;
      // -1 while its own cost is being computed: a cycle (refused by validation anyway) ends here.
      const known = visitedFragments.get(name);
      if (known !== undefined) return cost + COST.depthFactor * Math.max(known, 0);
      visitedFragments.set(name, -1);
      const fragment = fragments.get(name);
      if (fragment) {
        const fragmentCost = costOf(fragment);
        cost += fragmentCost;
        visitedFragments.set(name, fragmentCost);
      }
    }
    return cost;
  };
  return costOf(operation);
}

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
  const report = {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(asLimitError(error))],
  };
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
      onExecute({ args }) {
        const cost = operationCost(args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>);
        if (cost > QUERY_LIMITS.maxCost) throw queryLimitError('cost', `Query cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${cost}.`);
      },
      onParse() {
        return ({ result, replaceParseResult }) => {
          if (result instanceof GraphQLError) replaceParseResult(asLimitError(result));
        };
      },
    },
  ];
}
