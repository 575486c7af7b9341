export { createApi, CSRF_HEADER, type Api, type ApiOptions } from './yoga.ts';
export { QUERY_LIMITS } from './security/limits.ts';
export { log, describeError, type LogLevel } from './observability/logger.ts';
export { REQUEST_ID_HEADER, requestIdFrom } from './observability/request-id.ts';
export { schema } from './modules/index.ts';
export type { Context, ServerContext, Viewer } from './context.ts';
export { hashPassword } from './modules/identity/passwords.ts';
export { createApiHandler, handleApiRequest, type ApiHandler } from './http.ts';
export { encryptSecret, decryptSecret, generateSecretsKey, parseSecretsKey } from './crypto/secret-box.ts';
