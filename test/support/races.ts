/**
 * Concurrency helpers for race tests (sign-ups, token creation, tab saves with the same
 * expectedVersion, identical public names). `race` releases every attempt at the same moment
 * and never rejects: each outcome is kept, so a test can count winners, losers and crashes.
 *
 *   const outcomes = await race(2, (i) => execute(SaveGeneralInfoDocument, { input: { appId, expectedVersion: 1, ... } }, owner));
 *   const typenames = outcomes.map((o) => resultTypename(o, 'saveGeneralInfo'));
 *   expect(typenames.sort()).toEqual(['ConflictError', 'SaveGeneralInfoSuccess']);
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function race<T>(count: number, attempt: (index: number) => Promise<T>): Promise<Outcome<T>[]> {
  let release!: () => void;
  const start = new Promise<void>((resolve) => (release = resolve));
  const running = Array.from({ length: count }, async (_, index): Promise<Outcome<T>> => {
    await start;
    try {
      return { ok: true, value: await attempt(index) };
    } catch (error) {
      return { ok: false, error };
    }
  });
  release();
  return Promise.all(running);
}

/** The __typename of a mutation's result, 'ERROR' for GraphQL errors (e.g. a masked 500), 'THROWN' for a rejected call. */
export function resultTypename(outcome: Outcome<{ data?: unknown; errors?: readonly unknown[] }>, field: string): string {
  if (!outcome.ok) return 'THROWN';
  if (outcome.value.errors?.length) return 'ERROR';
  const data = outcome.value.data as Record<string, { __typename?: string } | null> | null | undefined;
  return data?.[field]?.__typename ?? 'NULL';
}

/** How many of each typename: `{ SignUpSuccess: 1, ConflictError: 9 }`. */
export function tally(typenames: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of typenames) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}
