/**
 * The audit trail's catalogue: every action the trail records, the kind of activity it belongs
 * to (the Activity page's filter) and the sentence a reader sees. One table, so that a new
 * action cannot be recorded without saying how it reads, and the API, console and CLI word it
 * the same way.
 */

export const ACTIVITY_KINDS = ['APP', 'CONFIGURE', 'CREDENTIALS', 'BUILD', 'TEST', 'CERTIFY', 'PUBLISH', 'ACCOUNTS'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  APP: 'App',
  CONFIGURE: 'Configure',
  CREDENTIALS: 'Credentials',
  BUILD: 'Build',
  TEST: 'Test',
  CERTIFY: 'Certify',
  PUBLISH: 'Publish',
  ACCOUNTS: 'Accounts',
};

type Detail = Record<string, unknown>;

const text = (value: unknown, fallback = '?') => (typeof value === 'string' && value !== '' ? value : fallback);
/** DATA_PROCESSING -> "Data processing". */
const words = (name: string) => name.charAt(0) + name.slice(1).toLowerCase().replaceAll('_', ' ');
/** MOTION_DETECTED -> "motion_detected", as Ring's bodies name the type. */
const eventWords = (type: unknown) => text(type).toLowerCase();
const TAB_LABELS: Record<string, string> = { GENERAL: 'General', MEDIA: 'Media', COMPATIBILITY: 'Compatibility', ADDITIONAL: 'Additional' };
const ENVIRONMENT_WORDS: Record<string, string> = { STAGING: 'staging', PRODUCTION: 'production' };

interface ActionEntry {
  kind: ActivityKind;
  summary: (detail: Detail) => string;
}

export const AUDIT_ACTIONS = {
  'app.created': { kind: 'APP', summary: (d) => `Created the app “${text(d.name)}”.` },
  'app.renamed': { kind: 'APP', summary: (d) => `Renamed the app from “${text(d.from)}” to “${text(d.to)}”.` },
  'app.deleted': { kind: 'APP', summary: (d) => `Deleted the app “${text(d.name)}”.` },
  'compliance.accepted': { kind: 'APP', summary: (d) => `Accepted the ${text(d.agreement, 'compliance agreement')} (version ${text(d.version)}).` },
  'configure.tab-saved': {
    kind: 'CONFIGURE',
    summary: (d) => `Saved the App information ${TAB_LABELS[text(d.tab)] ?? text(d.tab)} tab (version ${String(d.version ?? '?')}).`,
  },
  'configure.linking-saved': {
    kind: 'CONFIGURE',
    summary: (d) => `Saved the ${ENVIRONMENT_WORDS[text(d.environment)] ?? text(d.environment)} account linking URLs (version ${String(d.version ?? '?')}).`,
  },
  'configure.definition-applied': {
    kind: 'CONFIGURE',
    summary: (d) => {
      const count = typeof d.changes === 'number' ? d.changes : 0;
      const parts = Array.isArray(d.sections) ? d.sections.filter((part): part is string => typeof part === 'string') : [];
      return `Applied an app definition: ${count} ${count === 1 ? 'change' : 'changes'}${parts.length ? ` (${parts.join(', ')})` : ''}.`;
    },
  },
  'credentials.reissued': {
    kind: 'CREDENTIALS',
    summary: (d) => `Reissued the credentials${typeof d.reason === 'string' ? ` (${d.reason})` : ''}; the old client secret and HMAC key stopped working.`,
  },
  'endpoint-checks.run': {
    kind: 'BUILD',
    summary: (d) => {
      const failed = Array.isArray(d.failed) ? d.failed.length : 0;
      const where = ENVIRONMENT_WORDS[text(d.environment)] ?? text(d.environment);
      return d.passed === true
        ? `Ran the endpoint checks on ${where}: every check passed.`
        : `Ran the endpoint checks on ${where}: ${failed} ${failed === 1 ? 'check' : 'checks'} failed.`;
    },
  },
  'build.completed': { kind: 'BUILD', summary: () => 'Marked Build complete.' },
  'webhook.test-sent': {
    kind: 'TEST',
    summary: (d) => `Sent a ${eventWords(d.eventType)} test event to the ${ENVIRONMENT_WORDS[text(d.environment)] ?? text(d.environment)} webhook.`,
  },
  'webhook.redelivered': {
    kind: 'TEST',
    summary: (d) => `Redelivered a ${eventWords(d.eventType)} test event to the ${ENVIRONMENT_WORDS[text(d.environment)] ?? text(d.environment)} webhook.`,
  },
  'link-rehearsal.started': {
    kind: 'TEST',
    summary: (d) => `Started an account-linking rehearsal on ${ENVIRONMENT_WORDS[text(d.environment)] ?? text(d.environment)}.`,
  },
  'test.completed': { kind: 'TEST', summary: () => 'Marked Test complete: account linking tested on staging with both environments’ endpoints.' },
  'questionnaire.saved': {
    kind: 'CERTIFY',
    summary: (d) => `Saved the questionnaire’s ${words(text(d.tab))} tab (version ${String(d.version ?? '?')}).`,
  },
  'reviewer-notes.saved': {
    kind: 'CERTIFY',
    summary: (d) => `Saved the reviewer notes (version ${String(d.version ?? '?')})${d.testAccountChanged === true ? ', with a new test account' : ''}.`,
  },
  'certification.submitted': { kind: 'CERTIFY', summary: (d) => `Submitted v${String(d.version ?? '?')} for certification.` },
  'certification.prechecked': {
    kind: 'CERTIFY',
    summary: (d) =>
      d.passed === true
        ? 'Pre-checks passed; the submission is under review.'
        : `Pre-checks failed${Array.isArray(d.failed) && d.failed.length ? ` (${d.failed.map((item) => String(item).toLowerCase()).join(', ')})` : ''}.`,
  },
  'certification.claimed': { kind: 'CERTIFY', summary: () => 'A reviewer started reviewing the submission.' },
  'certification.approved': { kind: 'CERTIFY', summary: () => 'Certified: the version is available for rollout.' },
  'certification.changes-requested': {
    kind: 'CERTIFY',
    summary: (d) => {
      const count = Array.isArray(d.findings) ? d.findings.length : 0;
      return `A reviewer requested changes (${count} ${count === 1 ? 'finding' : 'findings'}).`;
    },
  },
  'certification.withdrawn': { kind: 'CERTIFY', summary: (d) => `Withdrew the submission (${text(d.reason).toLowerCase().replaceAll('_', ' ')}).` },
  'rollout.started': {
    kind: 'PUBLISH',
    summary: (d) =>
      `Started the rollout of v${String(d.versionNumber ?? '?')} (${text(d.strategy, 'rollout').toLowerCase()}${typeof d.percent === 'number' ? `, ${d.percent} %` : ''}).`,
  },
  'rollout.raised': { kind: 'PUBLISH', summary: (d) => `Raised the rollout of v${String(d.versionNumber ?? '?')} to ${String(d.percent ?? '?')} %.` },
  'rollout.paused': { kind: 'PUBLISH', summary: (d) => `Paused the rollout of v${String(d.versionNumber ?? '?')}.` },
  'rollout.resumed': { kind: 'PUBLISH', summary: (d) => `Resumed the rollout of v${String(d.versionNumber ?? '?')}.` },
  'rollout.completed': { kind: 'PUBLISH', summary: (d) => `v${String(d.versionNumber ?? '?')} is live to 100 % of its distribution.` },
  'rollout.rolled-back': {
    kind: 'PUBLISH',
    summary: (d) =>
      `Rolled back v${String(d.versionNumber ?? '?')}${typeof d.restoredVersionNumber === 'number' ? `; v${d.restoredVersionNumber} serves again` : ''}${typeof d.reason === 'string' ? ` (${d.reason})` : ''}.`,
  },
  'rollout.superseded': { kind: 'PUBLISH', summary: (d) => `v${String(d.versionNumber ?? '?')} was superseded by a newer version.` },
  'rollout.promoted': {
    kind: 'PUBLISH',
    summary: (d) => `Promoted the beta of v${String(d.versionNumber ?? '?')} to a ${text(d.strategy, 'wider').toLowerCase()} rollout.`,
  },
  'rollout.beta-invite-created': { kind: 'PUBLISH', summary: (d) => `Created a beta invite link for v${String(d.versionNumber ?? '?')}.` },
  'rollout.beta-joined': {
    kind: 'PUBLISH',
    summary: (d) => `A beta tester${typeof d.state === 'string' ? ` in ${d.state}` : ''} joined v${String(d.versionNumber ?? '?')}.`,
  },
  'password-reset.link-created': { kind: 'ACCOUNTS', summary: () => 'Created a password-reset link for a developer.' },
  'staff.created': { kind: 'ACCOUNTS', summary: (d) => `Created a ${text(d.role)} staff account.` },
  'staff.promoted': { kind: 'ACCOUNTS', summary: (d) => `Made an account ${text(d.role)} staff.` },
} as const satisfies Record<string, ActionEntry>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function activityKindOf(action: AuditAction): ActivityKind {
  return AUDIT_ACTIONS[action].kind;
}

/** The sentence for a recorded event; an action this build does not know (a newer process wrote it) reads as its name. */
export function activitySummary(action: string, detail: unknown): string {
  const entry = (AUDIT_ACTIONS as Record<string, ActionEntry>)[action];
  const fields = detail !== null && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Detail) : {};
  return entry ? entry.summary(fields) : action;
}
