import { createApi } from '@ring/api';

/** The process's one GraphQL API; /graphql serves it and SSR calls it in-process. */
export const api = createApi();
