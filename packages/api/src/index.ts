import { warmMediaInspection } from './modules/media/inspect.ts';
import { warmGraphiQL } from './yoga.ts';
import { publicNameKeysCurrent } from './modules/app-info/public-name-keys.ts';

export { createApi, CSRF_HEADER, type Api, type ApiOptions } from './yoga.ts';
export { QUERY_LIMITS } from './security/limits.ts';
export { MAX_PAGE_SIZE } from './security/page-size.ts';
export { MAX_VARIABLES_DEPTH } from './security/input-text.ts';
export { log, describeError, type LogLevel } from './observability/logger.ts';
export { REQUEST_ID_HEADER, requestIdFrom } from './observability/request-id.ts';
export { databaseIsHealthy } from './observability/health.ts';
export { schema } from './modules/index.ts';
export type { Context, ServerContext, Viewer } from './context.ts';
export { hashPassword } from './modules/identity/passwords.ts';
export { createStaffAccount, staffWithDemoPasswords, StaffInputError, KNOWN_DEMO_PASSWORDS } from './modules/identity/staff.ts';
export { STAFF_ROLES } from './modules/identity/roles.ts';
export { clientOrigin } from './modules/identity/client-origin.ts';
export { createApiHandler, handleApiRequest, type ApiHandler } from './http.ts';
export { createDrainableServer, type DrainableServer, type HttpServerTimeouts } from './http-server.ts';
export { encryptSecret, decryptSecret, generateSecretsKey, parseSecretsKey } from './crypto/secret-box.ts';
export { verifyClientSecret, hmacKeyForApp } from './modules/credentials/credentials.service.ts';
export { onAppMediaReleased, type MediaCollector } from './modules/apps/apps.service.ts';
export { config, parseCorsOrigins, parseTrustProxy } from './config.ts';
export { setInProcess, type InProcess } from './in-process.ts';
export { localEndpointsAllowed } from './outbound/local-endpoints.ts';
export { handleSandboxRequest, SANDBOX_PREFIX } from './modules/sandbox/sandbox.http.ts';
export { startRehearsalSweeper, expireUnexchangedRehearsals } from './modules/link-rehearsals/link-rehearsals.service.ts';
export { refreshPublicNameKeys } from './modules/app-info/public-name-keys.ts';
export { stopLiveUpdates } from './modules/live/fan-out.ts';
export { notifyAppEvent } from './modules/live/notify.ts';
export { startWebhookDeliverySweeper, sweepWebhookDeliveries } from './modules/webhooks/delivery-retention.ts';
export { webhookCoverage } from './modules/webhooks/webhook-coverage.service.ts';
// For the demo data (prisma/demo-apps.ts): state changes through the modules' own rules.
export { createApp } from './modules/apps/apps.service.ts';
export { approveCertification, claimReview, requestChanges, submitForCertification } from './modules/certification/certification.service.ts';
export { startRollout, updateRolloutPercent } from './modules/rollouts/rollouts.service.ts';

/**
 * Loads what the API defers at start (GraphiQL's page, the media parsers) ahead of first use,
 * so that neither the first GraphiQL visitor nor the first upload waits for it; and brings
 * public-name keys of an older rule up to date, so the first public-name save does not wait.
 */
export async function warmUp(): Promise<void> {
  await Promise.all([warmGraphiQL(), warmMediaInspection(), publicNameKeysCurrent()]);
}
