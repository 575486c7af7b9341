/**
 * Reviewer notes, one row per app, created on the first save. The test account is encrypted
 * at rest exactly like the HMAC signature key (AES-256-GCM under SECRETS_KEY, secret-box.ts),
 * bound to the app and to this use, so a ciphertext copied to another row or column does not
 * decrypt; it is decrypted only for a viewer `mayReadReviewerTestAccount` allows.
 */
import { prisma, type Prisma } from '@ring/db';
import {
  fieldIssues,
  missingReviewerNotes,
  REVIEWER_NOTE_FIELDS,
  REVIEWER_NOTE_LABELS,
  REVIEWER_NOTE_MAX,
  REVIEWER_NOTE_MIN,
  reviewerNotesSchema,
  type ReviewerNoteField,
} from '@ring/domain';
import { decryptSecret, encryptSecret } from '../../crypto/secret-box.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import { lockAppForWrite, readAppForResult } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';

export interface ReviewerNotesRow {
  version: number;
  savedAt: Date | null;
  testingInstructions: string;
  testAccountEncrypted: string;
  otherNotes: string;
}

export interface ReviewerNotesView {
  appId: string;
  developerId: string;
  row: ReviewerNotesRow | null;
  /** The fields still missing (or no longer keeping the rules), in form order. */
  missing: ReviewerNoteField[];
}

/** The selection on App that `reviewerNotesView` needs (for Pothos `select`). */
export const REVIEWER_NOTES_SELECT = { id: true, developerId: true, reviewerNotes: true } as const;

/** Binds a test account's ciphertext to its app and to this use: an HMAC key's ciphertext does not decrypt here. */
const testAccountContext = (appId: string) => `reviewer-test-account:${appId}`;

export function decryptTestAccount(appId: string, row: Pick<ReviewerNotesRow, 'testAccountEncrypted'>): string | null {
  return row.testAccountEncrypted ? decryptSecret(row.testAccountEncrypted, testAccountContext(appId)) : null;
}

function missingOf(row: ReviewerNotesRow | null): ReviewerNoteField[] {
  if (!row || row.savedAt === null) return missingReviewerNotes(null);
  // The test account kept the rules when it was saved; it is not decrypted just to count it.
  const stored = missingReviewerNotes({ testingInstructions: row.testingInstructions, testAccount: 'x'.repeat(REVIEWER_NOTE_MIN), otherNotes: row.otherNotes });
  return REVIEWER_NOTE_FIELDS.filter((field) => (field === 'testAccount' ? row.testAccountEncrypted === '' : stored.includes(field)));
}

export function reviewerNotesView(app: { id: string; developerId: string; reviewerNotes: ReviewerNotesRow | null }): ReviewerNotesView {
  return { appId: app.id, developerId: app.developerId, row: app.reviewerNotes, missing: missingOf(app.reviewerNotes) };
}

type Db = Pick<Prisma.TransactionClient, 'reviewerNotes'>;

/**
 * For the submission: one sentence per reviewer note still missing ("Reviewer notes: “Testing
 * instructions” is missing (20 to 4,000 characters)."); empty when all three are written.
 */
export async function reviewerNotesMissing(db: Db, appId: string): Promise<string[]> {
  const row = await db.reviewerNotes.findUnique({ where: { appId } });
  return missingOf(row).map(
    (field) => `Reviewer notes: “${REVIEWER_NOTE_LABELS[field]}” is missing (${REVIEWER_NOTE_MIN} to ${REVIEWER_NOTE_MAX.toLocaleString('en')} characters).`,
  );
}

export interface SaveReviewerNotesInput {
  expectedVersion: number;
  testingInstructions?: string | null;
  /** Null or left out: keep the stored one. */
  testAccount?: string | null;
  otherNotes?: string | null;
}

const stale = (version: number, expected: number) =>
  `The reviewer notes were saved elsewhere in the meantime (version ${version}, you expected ${expected}). Reload them, then save again.`;

export async function saveReviewerNotes(actorId: string, appId: string, input: SaveReviewerNotesInput, appQuery: { select?: object; include?: object } = {}) {
  const parsed = reviewerNotesSchema.safeParse({
    testingInstructions: input.testingInstructions,
    testAccount: input.testAccount,
    otherNotes: input.otherNotes,
  });
  const issues = parsed.success ? [] : fieldIssues(parsed.error);
  return prisma.$transaction(async (tx) => {
    await lockAppForWrite(tx, appId);
    await tx.$executeRaw`INSERT INTO "ReviewerNotes" ("appId") VALUES (${appId}::uuid) ON CONFLICT DO NOTHING`;
    const [locked] = await tx.$queryRaw<Array<{ version: number; testAccountEncrypted: string }>>`
      SELECT "version", "testAccountEncrypted" FROM "ReviewerNotes" WHERE "appId" = ${appId}::uuid FOR UPDATE`;
    // Keeping the stored test account needs one to be stored: named with the other problems.
    if (parsed.success ? parsed.data.testAccount === null : input.testAccount == null) {
      if (!locked!.testAccountEncrypted) {
        issues.push({ path: ['testAccount'], code: 'REQUIRED', message: 'Write the test account for reviewers: 20 to 4,000 characters.' });
      }
    }
    const formOrder = (path: string[]) => REVIEWER_NOTE_FIELDS.indexOf(path[0] as ReviewerNoteField);
    if (issues.length || !parsed.success) throw new ValidationError(issues.sort((a, b) => formOrder(a.path) - formOrder(b.path)));
    if (locked!.version !== input.expectedVersion) throw new ConflictError(stale(locked!.version, input.expectedVersion));
    const notes = parsed.data;
    const row = await tx.reviewerNotes.update({
      where: { appId },
      data: {
        testingInstructions: notes.testingInstructions,
        otherNotes: notes.otherNotes,
        ...(notes.testAccount === null ? {} : { testAccountEncrypted: encryptSecret(notes.testAccount, testAccountContext(appId)) }),
        version: locked!.version + 1,
        savedAt: new Date(),
      },
    });
    // The notes themselves stay out of the trail: the test account is a secret.
    await recordAudit(tx, {
      actorId,
      appId,
      action: 'reviewer-notes.saved',
      detail: { version: row.version, testAccountChanged: notes.testAccount !== null },
    });
    const app = await readAppForResult(tx, appId, appQuery);
    return { row, app };
  });
}

// ---------------------------------------------------------------------------- Frozen with a version

/**
 * The notes as they stand, to freeze with a version (AppVersion.reviewerNotes): the test
 * account stays encrypted (bound to the app, so the copy decrypts only for this app); null
 * when none were ever saved.
 */
export async function reviewerNotesToFreeze(db: Db, appId: string): Promise<Prisma.InputJsonObject | null> {
  const row = await db.reviewerNotes.findUnique({ where: { appId } });
  if (!row) return null;
  const { version, savedAt, testingInstructions, testAccountEncrypted, otherNotes } = row;
  return { version, savedAt: savedAt?.toISOString() ?? null, testingInstructions, testAccountEncrypted, otherNotes };
}

/** The notes a version froze (see reviewerNotesToFreeze) as the app's notes are shown; null for a version frozen without them. */
export function reviewerNotesFromFrozen(app: { id: string; developerId: string }, json: Prisma.JsonValue | null | undefined): ReviewerNotesView | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const stored = json as Record<string, Prisma.JsonValue>;
  const text = (value: Prisma.JsonValue | undefined) => (typeof value === 'string' ? value : '');
  const row: ReviewerNotesRow = {
    version: typeof stored.version === 'number' ? stored.version : 0,
    savedAt: typeof stored.savedAt === 'string' ? new Date(stored.savedAt) : null,
    testingInstructions: text(stored.testingInstructions),
    testAccountEncrypted: text(stored.testAccountEncrypted),
    otherNotes: text(stored.otherNotes),
  };
  return reviewerNotesView({ id: app.id, developerId: app.developerId, reviewerNotes: row });
}
