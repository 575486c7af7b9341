/**
 * Page sizes of connections (`first`/`last`). Pothos's connections clamp an oversized page
 * silently (`first: 100000` answered 100 items), which a client cannot tell from "there are
 * only 100"; and a page size given as a variable was outside the cost rule's sight. Here an
 * out-of-range page size is refused before execution starts, with its value, whether written
 * in the query or passed as a variable (which the cost limit counts too, limits.ts).
 */
import { type ArgumentNode, type DocumentNode, GraphQLError, type IntValueNode, Kind, type VariableNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The largest page `first`/`last` may ask for (the schema's argument descriptions say so). */
export const MAX_PAGE_SIZE = 100;

const PAGE_ARGUMENTS = new Set(['first', 'last']);

type PageArgument = ArgumentNode & { value: IntValueNode | VariableNode };

/**
 * The `first`/`last` arguments of a document that are written as an Int or a variable, found
 * once per document: yoga's parser cache hands every request of the same query the same
 * DocumentNode, and walking the whole document on every execution was ~3 % of an uncached
 * read's CPU (npm run bench's profile).
 */
const pageArgumentsOf = new WeakMap<DocumentNode, PageArgument[]>();

function pageArguments(document: DocumentNode): PageArgument[] {
  let found = pageArgumentsOf.get(document);
  if (!found) {
    const collected: PageArgument[] = [];
    visit(document, {
      Argument(argument) {
        if (PAGE_ARGUMENTS.has(argument.name.value) && (argument.value.kind === Kind.INT || argument.value.kind === Kind.VARIABLE)) {
          collected.push(argument as PageArgument);
        }
      },
    });
    found = collected;
    pageArgumentsOf.set(document, found);
  }
  return found;
}

function outOfRangePageSize(document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError | undefined {
  for (const argument of pageArguments(document)) {
    const value = argument.value.kind === Kind.INT ? Number.parseInt(argument.value.value, 10) : variables?.[argument.value.name.value];
    // Anything that is not a number is left to GraphQL's own coercion (it is not an Int).
    if (typeof value !== 'number' || (value >= 0 && value <= MAX_PAGE_SIZE)) continue;
    return new GraphQLError(
      `"${argument.name.value}" must be between 0 and ${MAX_PAGE_SIZE}, not ${value}: ask for the next page with "after" (or "before") instead.`,
      {
        nodes: [argument],
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      },
    );
  }
  return undefined;
}

export function usePageSizeLimit(): Plugin {
  return {
    onExecute({ args }) {
      const error = outOfRangePageSize(args.document, args.variableValues as Record<string, unknown> | null | undefined);
      if (error) throw error;
    },
  };
}
