/**
 * The sandbox's allowance per app and per developer (all of their apps together), counted in
 * PostgreSQL so that every server process shares it. Starting a rehearsal and every call of the
 * sandbox Ring API take one request from both.
 */
import { live } from '../../config.ts';
import { releaseAttempt, reserveAttempt, type RateLimitRule } from '../identity/rate-limit.ts';

const WINDOW_MS = 60_000;

export type Allowance = { granted: true } | { granted: false; retryAfterSeconds: number; message: string };

export async function takeSandboxAllowance(appId: string, developerId: string): Promise<Allowance> {
  const perApp: RateLimitRule = { limit: live.sandboxRequestsPerAppPerMinute(), windowMs: WINDOW_MS };
  const perDeveloper: RateLimitRule = { limit: live.sandboxRequestsPerDeveloperPerMinute(), windowMs: WINDOW_MS };
  const appKey = `sandbox:app:${appId}`;
  const app = await reserveAttempt(appKey, perApp);
  if (!app.granted) {
    return { ...app, message: `At most ${perApp.limit} sandbox requests a minute per app (SANDBOX_REQUESTS_PER_APP_PER_MINUTE).` };
  }
  const developer = await reserveAttempt(`sandbox:developer:${developerId}`, perDeveloper);
  if (!developer.granted) {
    // Not counted against the app when the developer's allowance refused it.
    await releaseAttempt(appKey, perApp);
    return {
      ...developer,
      message: `At most ${perDeveloper.limit} sandbox requests a minute across all of a developer's apps (SANDBOX_REQUESTS_PER_DEVELOPER_PER_MINUTE).`,
    };
  }
  return { granted: true };
}
