import SchemaBuilder from '@pothos/core';
import { GraphQLError } from 'graphql';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import ValidationPlugin from '@pothos/plugin-validation';
import { fieldIssues } from '@ring/domain';
import { prisma } from '@ring/db';
import { getDatamodel, type PrismaTypes } from '@ring/db/pothos';
import type { File as UploadFile } from 'node:buffer';
import type { Context } from './context.ts';
import { unauthenticated, ValidationError } from './errors.ts';
import { resolveNodeOrNull } from './security/node.ts';
import { MAX_PAGE_SIZE } from './security/page-size.ts';

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { developer: boolean; support: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    File: { Input: UploadFile & globalThis.File; Output: never };
    ID: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}>({
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, SimpleObjectsPlugin, ValidationPlugin],
  scopeAuth: {
    authScopes: (context) => ({
      developer: context.viewer !== null,
      support: context.viewer?.role === 'SUPPORT',
    }),
    // Needing a developer without a valid one is UNAUTHENTICATED, never "signed out".
    unauthorizedError: (_parent, context) => {
      if (context.auth.status === 'invalid') return unauthenticated(context.auth.reason);
      return unauthenticated('Sign in, or send an API token as "Authorization: Bearer <token>".');
    },
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
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
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
    firstArgOptions: { description: `Page size, counted from the start or from \`after\`: 0 to at most ${MAX_PAGE_SIZE} (more is an error, not a shorter page).` },
    afterArgOptions: { description: 'Return items after this cursor.' },
    lastArgOptions: { description: `Page size, counted from the end or from \`before\`: 0 to at most ${MAX_PAGE_SIZE} (more is an error, not a shorter page).` },
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
  typeof value === 'object' && value !== null && typeof (value as Blob).arrayBuffer === 'function' && typeof (value as File).name === 'string' && typeof (value as Blob).size === 'number';

builder.scalarType('File', {
  description: 'A file sent with the GraphQL multipart request spec.',
  serialize: () => {
    throw new Error('File is an input-only scalar.');
  },
  parseValue: (value) => {
    if (isUploadedFile(value)) return value;
    const given = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    throw badScalarInput(`A File must be a file part of a multipart request (the GraphQL multipart request spec), mapped onto this variable with "map"; got ${given}.`);
  },
});
