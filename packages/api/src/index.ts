import { warmMediaInspection } from './modules/media/inspect.ts';
import { warmGraphiQL } from './yoga.ts';
import { publicNameKeysCurrent } from './modules/app-info/public-name-keys.ts';

export { createApi, CSRF_HEADER, type Api, type ApiOptions } from './yoga.ts';
export { QUERY_LIMITS } from './security/limits.ts';
export { log, describeError, type LogLevel } from './observability/logger.ts';
export { REQUEST_ID_HEADER, requestIdFrom } from './observability/request-id.ts';
export { databaseIsHealthy } from './observability/health.ts';
export { schema } from './modules/index.ts';
export type { Context, ServerContext, Viewer } from './context.ts';
export { hashPassword } from './modules/identity/passwords.ts';
export { createApiHandler, handleApiRequest, type ApiHandler } from './http.ts';
export { encryptSecret, decryptSecret, generateSecretsKey, parseSecretsKey } from './crypto/secret-box.ts';
export { verifyClientSecret, hmacKeyForApp } from './modules/credentials/credentials.service.ts';
export { onAppMediaReleased, type MediaCollector } from './modules/apps/apps.service.ts';
export { config } from './config.ts';
export { refreshPublicNameKeys } from './modules/app-info/public-name-keys.ts';

/**
 * Loads what the API defers at start (GraphiQL's page, the media parsers) ahead of first use,
 * so that neither the first GraphiQL visitor nor the first upload waits for it; and brings
 * public-name keys of an older rule up to date, so the first public-name save does not wait.
 */
export async function warmUp(): Promise<void> {
  await Promise.all([warmGraphiQL(), warmMediaInspection(), publicNameKeysCurrent()]);
}
