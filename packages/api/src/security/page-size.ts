/**
 * Page sizes of connections (`first`/`last`). Pothos's connections clamp an oversized page
 * silently (`first: 100000` answered 100 items), which a client cannot tell from "there are
 * only 100"; and a page size given as a variable was outside the cost rule's sight. Here an
 * out-of-range page size is refused before execution starts, with its value, whether written
 * in the query or passed as a variable (which the cost limit counts too, limits.ts).
 */
import { GraphQLError, Kind, visit, type DocumentNode, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The largest page `first`/`last` may ask for (the schema's argument descriptions say so). */
export const MAX_PAGE_SIZE = 100;

const PAGE_ARGUMENTS = new Set(['first', 'last']);

function literalValue(node: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
  if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
  return undefined;
}

function outOfRangePageSize(document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError | undefined {
  let error: GraphQLError | undefined;
  visit(document, {
    Argument(argument) {
      if (error || !PAGE_ARGUMENTS.has(argument.name.value)) return;
      const value = literalValue(argument.value, variables);
      // Anything that is not a number is left to GraphQL's own coercion (it is not an Int).
      if (typeof value !== 'number' || (value >= 0 && value <= MAX_PAGE_SIZE)) return;
      error = new GraphQLError(
        `"${argument.name.value}" must be between 0 and ${MAX_PAGE_SIZE}, not ${value}: ask for the next page with "after" (or "before") instead.`,
        {
          nodes: [argument],
          extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
        },
      );
    },
  });
  return error;
}

export function usePageSizeLimit(): Plugin {
  return {
    onExecute({ args }) {
      const error = outOfRangePageSize(args.document, args.variableValues as Record<string, unknown> | null | undefined);
      if (error) throw error;
    },
  };
}
