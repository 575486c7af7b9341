/**
 * What the Test step tells the lifecycle: whether anything of Test exists yet (a link rehearsal
 * or a test event), as a selection on App (for Pothos `select`) and a pure function of it.
 * Partial rows (absent relations) mean nothing loaded: nothing started.
 */
export const TEST_FACTS_SELECT = {
  linkRehearsals: { select: { id: true }, take: 1 },
  webhookDeliveries: { select: { id: true }, take: 1 },
} as const;

export interface TestFacts {
  linkRehearsals: ReadonlyArray<{ id: string }>;
  webhookDeliveries: ReadonlyArray<{ id: string }>;
}

export function testStarted(facts: Partial<TestFacts>): boolean {
  return (facts.linkRehearsals?.length ?? 0) > 0 || (facts.webhookDeliveries?.length ?? 0) > 0;
}
