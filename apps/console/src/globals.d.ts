import type { ApiHandler } from '@ring/api';

declare global {
  // Set by server.ts; read by src/lib/server/api.ts.
  // eslint-disable-next-line no-var
  var __ringApiHandler: ApiHandler | undefined;
}

export {};
