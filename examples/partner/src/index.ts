export { type DemoUser, LINK_MAX_AGE_MS } from './endpoints/account-link.ts';
export type { ReceivedEvent } from './endpoints/webhook.ts';
export { type RingTokens, type StoredToken, type TokenPool, inMemoryTokenPool } from './token-pool.ts';
export { DEFAULT_DEMO_USER, DEFAULT_RING_API_BASE_URL, type Partner, type PartnerOptions, startPartner } from './server.ts';
