/**
 * Questionnaire answers, one row per (app, tab), created on the first save. A tab is saved
 * whole: validated by the domain rules (every problem named), then written under the app's
 * and the tab's row locks only when `expectedVersion` is still the tab's version.
 */
import { prisma, type Prisma } from '@ring/db';
import {
  checkQuestionnaireTab,
  QUESTIONNAIRE_TABS,
  questionnaireTabMissingSentence,
  unansweredQuestions,
  type QuestionAnswer,
  type QuestionnaireTabName,
  type StoredAnswers,
} from '@ring/domain';
import { ConflictError, ValidationError } from '../../errors.ts';
import { lockAppForWrite, readAppForResult } from '../apps/apps.access.ts';
import { recordAudit } from '../audit/audit.service.ts';

export interface QuestionnaireTabRow {
  tab: QuestionnaireTabName;
  version: number;
  savedAt: Date | null;
  answers: Prisma.JsonValue;
}

export interface QuestionnaireTabView {
  tab: QuestionnaireTabName;
  version: number;
  savedAt: Date | null;
  answers: StoredAnswers;
  /** Ids of the required questions asked and not (validly) answered. */
  missing: string[];
}

/** The selection on App that `questionnaireFromRows` needs (for Pothos `select`). */
export const QUESTIONNAIRE_SELECT = { questionnaireAnswers: true } as const;

/** What was stored, read defensively: the column is JSON, and only lists of strings are answers. */
function storedAnswers(json: Prisma.JsonValue | undefined): StoredAnswers {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  const answers: StoredAnswers = {};
  for (const [questionId, value] of Object.entries(json)) {
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) answers[questionId] = value as string[];
  }
  return answers;
}

function tabView(tab: QuestionnaireTabName, row: QuestionnaireTabRow | undefined): QuestionnaireTabView {
  const answers = storedAnswers(row?.answers);
  return {
    tab,
    version: row?.version ?? 0,
    savedAt: row?.savedAt ?? null,
    answers,
    missing: unansweredQuestions(tab, answers).map((question) => question.id),
  };
}

/** The five tabs in order, from an app's rows (any subset, any order). */
export function questionnaireFromRows(rows: readonly QuestionnaireTabRow[]): QuestionnaireTabView[] {
  return QUESTIONNAIRE_TABS.map((tab) =>
    tabView(
      tab,
      rows.find((row) => row.tab === tab),
    ),
  );
}

type Db = Pick<Prisma.TransactionClient, 'questionnaireAnswers'>;

/**
 * For the submission: one sentence per tab that is not complete ("Questionnaire: Data
 * protection tab is incomplete (2 required questions unanswered)."), in tab order; empty when
 * all five are. Pass the submission's transaction as `db` to judge what it will freeze.
 */
export async function questionnaireMissing(db: Db, appId: string): Promise<string[]> {
  const rows = await db.questionnaireAnswers.findMany({ where: { appId } });
  return QUESTIONNAIRE_TABS.flatMap((tab) => {
    const row = rows.find((entry) => entry.tab === tab);
    return questionnaireTabMissingSentence(tab, row ? storedAnswers(row.answers) : null) ?? [];
  });
}

export interface SaveQuestionnaireTabInput {
  tab: QuestionnaireTabName;
  expectedVersion: number;
  answers: readonly QuestionAnswer[];
}

const stale = (version: number, expected: number) =>
  `This tab was saved elsewhere in the meantime (version ${version}, you expected ${expected}). Reload it, then save again.`;

/** Validates and saves one tab; answers the saved tab and the app as `appQuery` selects it, both read in the save's transaction. */
export async function saveQuestionnaireTab(
  actorId: string,
  appId: string,
  input: SaveQuestionnaireTabInput,
  appQuery: { select?: object; include?: object } = {},
) {
  const { answers, issues } = checkQuestionnaireTab(input.tab, input.answers);
  if (issues.length) throw new ValidationError(issues);
  return prisma.$transaction(async (tx) => {
    await lockAppForWrite(tx, appId);
    // The row exists from here on (version 0 until saved), so the lock below always has a row
    // to hold, and two first saves queue on it instead of racing to insert.
    await tx.$executeRaw`INSERT INTO "QuestionnaireAnswers" ("appId", "tab") VALUES (${appId}::uuid, ${input.tab}::"QuestionnaireTabName") ON CONFLICT DO NOTHING`;
    const [locked] = await tx.$queryRaw<Array<{ version: number }>>`
      SELECT "version" FROM "QuestionnaireAnswers" WHERE "appId" = ${appId}::uuid AND "tab" = ${input.tab}::"QuestionnaireTabName" FOR UPDATE`;
    if (locked!.version !== input.expectedVersion) throw new ConflictError(stale(locked!.version, input.expectedVersion));
    const row = await tx.questionnaireAnswers.update({
      where: { appId_tab: { appId, tab: input.tab } },
      data: { answers, version: locked!.version + 1, savedAt: new Date() },
    });
    await recordAudit(tx, { actorId, appId, action: 'questionnaire.saved', detail: { tab: input.tab, version: row.version } });
    const app = await readAppForResult(tx, appId, appQuery);
    return { tab: tabView(input.tab, row), app };
  });
}

// ---------------------------------------------------------------------------- Frozen with a version

/**
 * The questionnaire as it stands, to freeze with a version (AppVersion.questionnaire): the
 * five tabs' rows as JSON, read in the submission's transaction so that they are what was judged.
 */
export async function questionnaireToFreeze(db: Db, appId: string): Promise<Prisma.InputJsonArray> {
  const rows = await db.questionnaireAnswers.findMany({ where: { appId } });
  return questionnaireFromRows(rows).map(({ tab, version, savedAt, answers }) => ({ tab, version, savedAt: savedAt?.toISOString() ?? null, answers }));
}

/** The five tabs a version froze (see questionnaireToFreeze), in order; null for a version frozen without them. */
export function questionnaireFromFrozen(json: Prisma.JsonValue | null | undefined): QuestionnaireTabView[] | null {
  if (!Array.isArray(json)) return null;
  const rows = json.flatMap((entry): QuestionnaireTabRow[] => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return [];
    const { tab, version, savedAt, answers } = entry as Record<string, Prisma.JsonValue>;
    if (!QUESTIONNAIRE_TABS.includes(tab as QuestionnaireTabName)) return [];
    return [
      {
        tab: tab as QuestionnaireTabName,
        version: typeof version === 'number' ? version : 0,
        savedAt: typeof savedAt === 'string' ? new Date(savedAt) : null,
        answers: answers ?? {},
      },
    ];
  });
  return questionnaireFromRows(rows);
}
