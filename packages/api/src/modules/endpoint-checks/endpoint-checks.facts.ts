/**
 * What the endpoint checks tell the lifecycle and the Build page: a selection on App (merged
 * into the lifecycle's `select`, so a list of apps loads it with the apps) and pure functions
 * of what it loads. The rules themselves are @ring/domain's (buildBlocker, buildInvalidation).
 */
import type { Prisma } from '@ring/db';
import type { AccountLinkingFacts } from '../account-linking/account-linking.service.ts';
import {
  buildBlocker,
  buildInvalidation,
  LINKING_FIELDS,
  type CheckRunSummary,
  type ConfirmedStepFacts,
  type LinkingUrls,
  type SavedLinkingUrls,
} from '@ring/domain';

/** With the lifecycle's `buildCompletedAt` and account linking's rows, which it selects already. */
export const ENDPOINT_CHECK_FACTS_SELECT = {
  endpointCheckRuns: {
    where: { environment: 'STAGING' },
    // A mutable list (not `as const`), so the selection can be passed where Prisma expects one.
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] as Array<{ createdAt: 'desc' } | { id: 'desc' }>,
    take: 1,
    select: { createdAt: true, checks: true, urls: true },
  },
  _count: { select: { endpointCheckRuns: true } },
} as const;

interface RunRow {
  createdAt: Date;
  checks: Prisma.JsonValue;
  urls: Prisma.JsonValue;
}

export interface EndpointCheckFacts extends AccountLinkingFacts {
  buildCompletedAt: Date | null;
  endpointCheckRuns: RunRow[];
  _count: { endpointCheckRuns: number };
}

function asUrls(value: unknown): LinkingUrls {
  const object = (value ?? {}) as Record<string, unknown>;
  return Object.fromEntries(LINKING_FIELDS.map((field) => [field, typeof object[field] === 'string' ? object[field] : null])) as LinkingUrls;
}

export function checkRunSummary(run: RunRow): CheckRunSummary {
  const checks = Array.isArray(run.checks) ? (run.checks as { passed?: unknown }[]) : [];
  return { createdAt: run.createdAt, failedChecks: checks.filter((check) => check?.passed !== true).length, urls: asUrls(run.urls) };
}

export function savedLinkingUrls(
  row: ({ savedAt: Date | null } & Partial<Record<(typeof LINKING_FIELDS)[number], string | null>>) | null | undefined,
): SavedLinkingUrls {
  return { urls: asUrls(row ? Object.fromEntries(LINKING_FIELDS.map((field) => [field, row[field]?.trim() ?? null])) : {}), savedAt: row?.savedAt ?? null };
}

function stagingFacts(facts: EndpointCheckFacts) {
  const run = facts.endpointCheckRuns[0];
  return { run: run ? checkRunSummary(run) : null, staging: savedLinkingUrls(facts.accountLinkings.find((row) => row.environment === 'STAGING')) };
}

export function buildStepFacts(facts: EndpointCheckFacts): ConfirmedStepFacts {
  const { run, staging } = stagingFacts(facts);
  const confirmed = facts.buildCompletedAt !== null;
  return {
    started: facts._count.endpointCheckRuns > 0,
    confirmed,
    invalidatedBecause: confirmed ? buildInvalidation(run, staging) : null,
  };
}

/** Why completeBuild would be refused now, or null. */
export function buildBlockerOf(facts: EndpointCheckFacts): string | null {
  const { run, staging } = stagingFacts(facts);
  return buildBlocker(run, staging);
}
