export { createApi, CSRF_HEADER, type Api } from './yoga.ts';
export { schema } from './modules/index.ts';
export type { Context, ServerContext, Viewer } from './context.ts';
export { hashPassword } from './modules/identity/passwords.ts';
export { createApiHandler, handleApiRequest, type ApiHandler } from './http.ts';
export { encryptSecret, decryptSecret, generateSecretsKey, parseSecretsKey } from './crypto/secret-box.ts';
