// The typed documents (and the schema's types), generated from src/operations by codegen.ts.
export * from './generated/graphql.ts';
export { createRingClient, CSRF_HEADERS, RingClientError, type RingClient, type RingClientOptions, type RingGraphQLError } from './ring-client.ts';
export { filesIn, multipartBody, toFile, type Uploadable, type UploadFiles } from './upload.ts';
export { idLessTypes, possibleTypes, typePolicies, type IdLessType } from './apollo.ts';
