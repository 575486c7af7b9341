import { describe, expect, it } from 'vitest';
import { confirmedStepState, currentStep, lifecycle, type ConfirmedStepFacts, type LifecycleFacts } from '../src/lifecycle.ts';

const KEYS = [
  'appInformationComplete',
  'accountLinkingComplete',
  'configureStarted',
  'testComplete',
  'testStarted',
  'certified',
  'certificationInProgress',
  'liveToAll',
  'rolloutUnderWay',
] as const;

const NOT_STARTED: ConfirmedStepFacts = { started: false, confirmed: false, invalidatedBecause: null };
const BUILT: ConfirmedStepFacts = { started: true, confirmed: true, invalidatedBecause: null };
const NOTHING_DONE = { ...Object.fromEntries(KEYS.map((key) => [key, false])), build: NOT_STARTED } as unknown as LifecycleFacts;

/** Every combination of a confirmed step's facts: started, confirmed, still valid or not. */
function* allConfirmedStepFacts(): Generator<ConfirmedStepFacts> {
  for (const started of [false, true])
    for (const confirmed of [false, true])
      for (const invalidatedBecause of [null, 'Staging webhook URL changed on 12 Dec']) yield { started, confirmed, invalidatedBecause };
}

/** Every combination of the nine plain facts and Build's eight: 4,096 cases. */
function* allFacts(): Generator<LifecycleFacts> {
  for (let bits = 0; bits < 1 << KEYS.length; bits += 1) {
    for (const build of allConfirmedStepFacts()) {
      yield { ...Object.fromEntries(KEYS.map((key, index) => [key, Boolean(bits & (1 << index))])), build } as unknown as LifecycleFacts;
    }
  }
}

describe('lifecycle', () => {
  it('always lists the five steps in order', () => {
    for (const facts of allFacts()) {
      expect(lifecycle(facts).map((entry) => entry.step)).toEqual(['CONFIGURE', 'BUILD', 'TEST', 'CERTIFY', 'PUBLISH']);
    }
  });

  it('never locks Configure or Build', () => {
    for (const facts of allFacts()) {
      const [configure, build] = lifecycle(facts);
      expect(configure?.status).not.toBe('LOCKED');
      expect(build?.status).not.toBe('LOCKED');
    }
  });

  it('locks steps 3-5 exactly when an earlier step is not complete', () => {
    for (const facts of allFacts()) {
      const steps = lifecycle(facts);
      steps.forEach((entry, index) => {
        if (index < 2) return;
        const earlierAllComplete = steps.slice(0, index).every((earlier) => earlier.status === 'COMPLETE');
        expect(entry.status === 'LOCKED').toBe(!earlierAllComplete);
      });
    }
  });

  it('completes Configure only when App information and Account linking are both complete', () => {
    for (const facts of allFacts()) {
      const configure = lifecycle(facts)[0]!.status;
      const both = facts.appInformationComplete && facts.accountLinkingComplete;
      expect(configure).toBe(both ? 'COMPLETE' : facts.configureStarted ? 'IN_PROGRESS' : 'PENDING');
    }
  });

  it('Test (once unlocked) is COMPLETE when confirmed, IN_PROGRESS once a rehearsal or test event exists, else PENDING', () => {
    for (const facts of allFacts()) {
      const test = lifecycle(facts)[2]!.status;
      const unlocked = facts.appInformationComplete && facts.accountLinkingComplete && confirmedStepState(facts.build).status === 'COMPLETE';
      if (!unlocked) expect(test).toBe('LOCKED');
      else expect(test).toBe(facts.testComplete ? 'COMPLETE' : facts.testStarted ? 'IN_PROGRESS' : 'PENDING');
    }
  });

  it('Certify: COMPLETE once certified, IN_PROGRESS while a submission is under way, else PENDING (when unlocked)', () => {
    for (const facts of allFacts()) {
      const certify = lifecycle(facts)[3]!.status;
      if (certify === 'LOCKED') continue;
      expect(certify, JSON.stringify(facts)).toBe(facts.certified ? 'COMPLETE' : facts.certificationInProgress ? 'IN_PROGRESS' : 'PENDING');
    }
  });

  it('Publish: COMPLETE once a version is live to 100 %, IN_PROGRESS while a rollout is under way or paused, else PENDING (when unlocked)', () => {
    for (const facts of allFacts()) {
      const publish = lifecycle(facts)[4]!.status;
      if (publish === 'LOCKED') continue;
      expect(publish, JSON.stringify(facts)).toBe(facts.liveToAll ? 'COMPLETE' : facts.rolloutUnderWay ? 'IN_PROGRESS' : 'PENDING');
    }
    const certifiedApp = { ...NOTHING_DONE, appInformationComplete: true, accountLinkingComplete: true, build: BUILT, testComplete: true, certified: true };
    expect(lifecycle({ ...certifiedApp, rolloutUnderWay: true })[4]!.status).toBe('IN_PROGRESS');
    expect(lifecycle({ ...certifiedApp, rolloutUnderWay: true, liveToAll: true })[4]!.status).toBe('COMPLETE');
  });

  it('a certified app with Test complete unlocks Publish; an uncertified one does not, whatever is in progress', () => {
    const ready = {
      ...NOTHING_DONE,
      appInformationComplete: true,
      accountLinkingComplete: true,
      configureStarted: true,
      build: BUILT,
      testComplete: true,
    };
    expect(lifecycle({ ...ready, certificationInProgress: true }).map((entry) => entry.status)).toEqual([
      'COMPLETE',
      'COMPLETE',
      'COMPLETE',
      'IN_PROGRESS',
      'LOCKED',
    ]);
    expect(lifecycle({ ...ready, certified: true }).map((entry) => entry.status)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE', 'PENDING']);
    expect(lifecycle(ready)[3]!.status).toBe('PENDING');
  });

  it('a new app: Configure and Build pending, the rest locked, current step Configure', () => {
    const steps = lifecycle(NOTHING_DONE);
    expect(steps.map((entry) => entry.status)).toEqual(['PENDING', 'PENDING', 'LOCKED', 'LOCKED', 'LOCKED']);
    expect(currentStep(steps)).toBe('CONFIGURE');
  });

  it('a configured and built app unlocks Test only', () => {
    const steps = lifecycle({ ...NOTHING_DONE, appInformationComplete: true, accountLinkingComplete: true, configureStarted: true, build: BUILT });
    expect(steps.map((entry) => entry.status)).toEqual(['COMPLETE', 'COMPLETE', 'PENDING', 'LOCKED', 'LOCKED']);
    expect(currentStep(steps)).toBe('TEST');
  });
});

describe('Build (a confirmed step)', () => {
  it('is COMPLETE exactly when confirmed and still valid, IN_PROGRESS once started or sent back, PENDING otherwise', () => {
    for (const facts of allFacts()) {
      const build = lifecycle(facts)[1]!;
      const { started, confirmed, invalidatedBecause } = facts.build;
      const expected = confirmed && invalidatedBecause === null ? 'COMPLETE' : confirmed || started ? 'IN_PROGRESS' : 'PENDING';
      expect(build.status).toBe(expected);
    }
  });

  it('shows the reason as its note only when a confirmed Build was sent back; every other step has no note', () => {
    for (const facts of allFacts()) {
      const steps = lifecycle(facts);
      const sentBack = facts.build.confirmed && facts.build.invalidatedBecause !== null;
      expect(steps[1]!.note).toBe(sentBack ? facts.build.invalidatedBecause : null);
      for (const entry of [steps[0], ...steps.slice(2)]) expect(entry!.note).toBeNull();
    }
  });

  it('a Build sent back locks Test again, with the note saying why', () => {
    const configured = { ...NOTHING_DONE, appInformationComplete: true, accountLinkingComplete: true, configureStarted: true };
    const steps = lifecycle({ ...configured, build: { ...BUILT, invalidatedBecause: 'Staging webhook URL changed on 12 Dec' } });
    expect(steps.slice(1, 3)).toEqual([
      { step: 'BUILD', status: 'IN_PROGRESS', note: 'Staging webhook URL changed on 12 Dec' },
      { step: 'TEST', status: 'LOCKED', note: null },
    ]);
    expect(confirmedStepState({ started: false, confirmed: false, invalidatedBecause: 'ignored until confirmed' })).toEqual({ status: 'PENDING', note: null });
  });
});

describe('missing-field labels', () => {
  it('names every field the completeness rules can report', async () => {
    const rules = await import('../src/completeness.ts');
    const everything = [
      ...rules.missingGeneral(null),
      ...rules.missingMedia(null),
      ...rules.missingCompatibility(null),
      ...rules.missingAdditional(null),
      ...rules.missingLinking(null),
    ];
    for (const field of everything) expect(rules.MISSING_FIELD_LABELS[field], field).toBeTruthy();
    expect(rules.describeMissing(['publicName', 'icon'])).toBe('Public name, Icon');
  });
});
