import SchemaBuilder from '@pothos/core';
import { GraphQLError, valueFromASTUntyped } from 'graphql';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ValidationPlugin from '@pothos/plugin-validation';
import { fieldIssues } from '@ring/domain';
import { prisma } from '@ring/db';
import { getDatamodel, type PrismaTypes } from '@ring/db/pothos';
import type { File as UploadFile } from 'node:buffer';
import { config } from './config.ts';
import type { Context, Viewer } from './context.ts';
import { ForbiddenError, unauthenticated, ValidationError } from './errors.ts';
import { authScopesOf, holdersOf, type AuthScopes, type StaffScope } from './modules/identity/roles.ts';
import { resolveNodeOrNull } from './security/node.ts';
import { MAX_PAGE_SIZE } from './security/page-size.ts';

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** What a resolver behind `t.withAuth({ developer: true })` (or a staff scope) sees: a viewer, never null. */
export type DeveloperContext = Context & { viewer: Viewer };

/** The scope a failure names, when it names one (a staff scope the viewer lacks). */
function failedScope(failure: AuthFailure | undefined): string | null {
  if (failure?.kind === AuthScopeFailureType.AuthScope) return failure.scope;
  if (failure?.kind === AuthScopeFailureType.AnyAuthScopes || failure?.kind === AuthScopeFailureType.AllAuthScopes) {
    for (const child of failure.failures) {
      const scope = failedScope(child);
      if (scope) return scope;
    }
  }
  return null;
}

/**
 * The one refusal of the API. No valid developer: UNAUTHENTICATED (an invalid credential is never
 * "signed out"). A developer without a staff scope: ForbiddenError, which is the result union's
 * member where the operation has one (developerMutation) and a FORBIDDEN error otherwise.
 */
export function refusal(context: Context, failure?: AuthFailure): Error {
  if (context.auth.status === 'invalid') return unauthenticated(context.auth.reason);
  if (context.viewer === null) return unauthenticated('Sign in, or send an API token as "Authorization: Bearer <token>".');
  const holders = holdersOf(failedScope(failure) ?? '');
  return new ForbiddenError(holders ? `Only ${holders} may do this.` : undefined);
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  AuthContexts: { developer: DeveloperContext } & Record<StaffScope, DeveloperContext>;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    File: { Input: UploadFile & globalThis.File; Output: never };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, SimpleObjectsPlugin, ValidationPlugin],
  scopeAuth: {
    // The scopes come from the role table (roles.ts): a new staff role's scope is its row there.
    authScopes: (context) => authScopesOf(context.viewer),
    unauthorizedError: (_parent, context, _info, result) => refusal(context, result.failure),
    // A subscription's scopes are checked when it opens, not only on each event it sends.
    authorizeOnSubscribe: true,
  },
  errors: {
    // Input validation failures become the ValidationError member, not a top-level error.
    unsafelyHandleInputErrors: true,
    directResult: true,
    defaultTypes: [ValidationError],
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Success` },
    defaultUnionOptions: {
      name: ({ fieldName }) => `${capitalize(fieldName)}Result`,
      description: 'The success, or one of the expected errors (each implements Error).',
    },
  },
  prisma: {
    client: prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: config.production ? null : 'warn',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: {
      description: 'Fetches any object by its global id (null when it does not exist or is not yours).',
      args: { id: { description: 'A global id from this API.' } },
      resolve: (_root, args, _context, _info, resolveNode) => resolveNodeOrNull(() => resolveNode(args.id)),
    },
    nodesQueryOptions: false,
    idFieldOptions: { description: 'A global id (Relay): pass it back as is.' },
    nodeTypeOptions: { description: 'An object with a global id, fetchable with node(id).' },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'More items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'More items come before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; pass as `after` for the next page.' },
    cursorFieldOptions: { description: 'Opaque position of this item in the list.' },
    nodeFieldOptions: { description: 'The item.' },
    edgesFieldOptions: { description: 'The items of this page with their cursors.' },
    pageInfoFieldOptions: { description: 'Paging information.' },
    defaultConnectionTypeOptions: { description: 'A page of a list.' },
    defaultEdgeTypeOptions: { description: 'An item of a list with its cursor.' },
    firstArgOptions: {
      description: `Page size, counted from the start or from \`after\`: 0 to at most ${MAX_PAGE_SIZE} (more is an error, not a shorter page).`,
    },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: {
      description: `Page size, counted from the end or from \`before\`: 0 to at most ${MAX_PAGE_SIZE} (more is an error, not a shorter page).`,
    },
    beforeArgOptions: { description: 'Return items before this cursor.' },
  },
  validation: {
    // Paths are relative to the mutation's `input`, as the contract's FieldError.path is.
    validationError: (failure) => new ValidationError(fieldIssues(failure.issues, { under: 'input' })),
  },
});

builder.queryType({ description: 'Everything a developer can read.' });
builder.mutationType({ description: 'Everything a developer can change. Each mutation answers a union of its success and its expected errors.' });

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO 8601 string in UTC.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO 8601 string.');
    return date;
  },
});

/** From a scalar's parseValue: graphql-js keeps it as the originalError (and its extensions) of "Variable ... got invalid value". */
const badScalarInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/** A file part of a multipart request (whatwg-node's File is not the global class: by shape). */
const isUploadedFile = (value: unknown): value is UploadFile & globalThis.File =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Blob).arrayBuffer === 'function' &&
  typeof (value as File).name === 'string' &&
  typeof (value as Blob).size === 'number';

builder.scalarType('File', {
  description: 'A file sent with the GraphQL multipart request spec.',
  serialize: () => {
    throw new Error('File is an input-only scalar.');
  },
  parseValue: (value) => {
    if (isUploadedFile(value)) return value;
    const given = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    throw badScalarInput(
      `A File must be a file part of a multipart request (the GraphQL multipart request spec), mapped onto this variable with "map"; got ${given}.`,
    );
  },
});

builder.scalarType('JSON', {
  description: 'Any JSON value (an app definition, a field’s value in a change list).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node, variables) => valueFromASTUntyped(node, variables ?? undefined),
});

/** For lookups outside a field's own scopes (node(id)'s findUnique): the same scopes, the same refusal. */
export function requireScopes(context: Context, scopes: Partial<AuthScopes>): asserts context is DeveloperContext {
  const pending = builder.runAuthScopes(context, scopes, (result) => refusal(context, result.failure));
  // authScopesOf is synchronous, so the check is too; a promise here would be a refusal nobody awaits.
  if (pending) throw new Error('requireScopes needs synchronous auth scopes.');
}
