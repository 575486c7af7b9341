import { describe, expect, it } from 'vitest';
import { currentStep, lifecycle, type LifecycleFacts } from '../src/lifecycle.ts';

const KEYS = ['appInformationComplete', 'accountLinkingComplete', 'configureStarted', 'buildComplete', 'testComplete', 'certified', 'certificationInProgress', 'liveToAll', 'rolloutUnderWay'] as const;

const NOTHING_DONE = Object.fromEntries(KEYS.map((key) => [key, false])) as unknown as LifecycleFacts;

/** Every combination of the nine facts: 512 cases. */
function* allFacts(): Generator<LifecycleFacts> {
  for (let bits = 0; bits < 1 << KEYS.length; bits += 1) {
    yield Object.fromEntries(KEYS.map((key, index) => [key, Boolean(bits & (1 << index))])) as unknown as LifecycleFacts;
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
    const certifiedApp = { ...NOTHING_DONE, appInformationComplete: true, accountLinkingComplete: true, buildComplete: true, testComplete: true, certified: true };
    expect(lifecycle({ ...certifiedApp, rolloutUnderWay: true })[4]!.status).toBe('IN_PROGRESS');
    expect(lifecycle({ ...certifiedApp, rolloutUnderWay: true, liveToAll: true })[4]!.status).toBe('COMPLETE');
  });

  it('a certified app with Test complete unlocks Publish; an uncertified one does not, whatever is in progress', () => {
    const ready = { ...NOTHING_DONE, appInformationComplete: true, accountLinkingComplete: true, configureStarted: true, buildComplete: true, testComplete: true };
    expect(lifecycle({ ...ready, certificationInProgress: true }).map((entry) => entry.status)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE', 'IN_PROGRESS', 'LOCKED']);
    expect(lifecycle({ ...ready, certified: true }).map((entry) => entry.status)).toEqual(['COMPLETE', 'COMPLETE', 'COMPLETE', 'COMPLETE', 'PENDING']);
    expect(lifecycle(ready)[3]!.status).toBe('PENDING');
  });

  it('a new app: Configure and Build pending, the rest locked, current step Configure', () => {
    const steps = lifecycle(NOTHING_DONE);
    expect(steps.map((entry) => entry.status)).toEqual(['PENDING', 'PENDING', 'LOCKED', 'LOCKED', 'LOCKED']);
    expect(currentStep(steps)).toBe('CONFIGURE');
  });

  it('a configured and built app unlocks Test only', () => {
    const steps = lifecycle({ ...NOTHING_DONE, appInformationComplete: true, accountLinkingComplete: true, configureStarted: true, buildComplete: true });
    expect(steps.map((entry) => entry.status)).toEqual(['COMPLETE', 'COMPLETE', 'PENDING', 'LOCKED', 'LOCKED']);
    expect(currentStep(steps)).toBe('TEST');
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
