import { describe, expect, it } from 'vitest';
import { distributionLabel, percentRaiseProblem, reachesUsers, rolloutVersionLabel, startRolloutSchema, suggestedSchedule, US_STATES } from '../src/publish.ts';

const NATIONWIDE = { nationwide: true, states: [] };
const issuesOf = (input: unknown) => {
  const parsed = startRolloutSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('startRolloutSchema', () => {
  it('takes 1 and 100 for a gradual rollout and refuses 0 and 101', () => {
    expect(issuesOf({ distribution: NATIONWIDE, strategy: 'GRADUAL', percent: 1 })).toEqual([]);
    expect(issuesOf({ distribution: NATIONWIDE, strategy: 'GRADUAL', percent: 100 })).toEqual([]);
    expect(issuesOf({ distribution: NATIONWIDE, strategy: 'GRADUAL', percent: 0 })).toEqual(['percent: Percent must be at least 1 %.']);
    expect(issuesOf({ distribution: NATIONWIDE, strategy: 'GRADUAL', percent: 101 })).toEqual(['percent: Percent must be at most 100 %.']);
    expect(issuesOf({ distribution: NATIONWIDE, strategy: 'GRADUAL', percent: null })[0]).toMatch(/needs a starting percentage/);
  });

  it('FULL is 100 % and BETA takes no percentage', () => {
    expect(startRolloutSchema.parse({ distribution: NATIONWIDE, strategy: 'FULL' }).percent).toBe(100);
    expect(startRolloutSchema.parse({ distribution: NATIONWIDE, strategy: 'BETA' }).percent).toBe(0);
    expect(issuesOf({ distribution: NATIONWIDE, strategy: 'FULL', percent: 50 })[0]).toMatch(/^percent: A full rollout goes to 100 %/);
    expect(issuesOf({ distribution: NATIONWIDE, strategy: 'BETA', percent: 5 })[0]).toMatch(/^percent: A beta rollout/);
  });

  it('takes nationwide or known states (50 and DC), not both, not neither, not unknown codes', () => {
    expect(Object.keys(US_STATES)).toHaveLength(51);
    expect(issuesOf({ distribution: { nationwide: false, states: ['CA', 'DC'] }, strategy: 'FULL' })).toEqual([]);
    expect(issuesOf({ distribution: { nationwide: false, states: [] }, strategy: 'FULL' })).toEqual([
      'distribution.states: Choose nationwide or at least one state.',
    ]);
    expect(issuesOf({ distribution: { nationwide: true, states: ['CA'] }, strategy: 'FULL' })).toEqual([
      'distribution.states: Choose nationwide or states, not both.',
    ]);
    expect(issuesOf({ distribution: { nationwide: false, states: ['CA', 'PR', 'ca'] }, strategy: 'FULL' })[0]).toMatch(/Unknown state codes PR, ca/);
    expect(issuesOf({ distribution: { nationwide: false, states: ['CA', 'CA'] }, strategy: 'FULL' })).toEqual([
      'distribution.states: Each state may be chosen once.',
    ]);
  });
});

describe('percentRaiseProblem', () => {
  it('allows only upward moves within 1-100', () => {
    expect(percentRaiseProblem(10, 11)).toBeNull();
    expect(percentRaiseProblem(10, 100)).toBeNull();
    expect(percentRaiseProblem(10, 10)?.message).toMatch(/only goes up: it is at 10 %/);
    expect(percentRaiseProblem(10, 5)?.message).toMatch(/only goes up/);
    expect(percentRaiseProblem(10, 101)).toEqual({ message: 'Percent must be at most 100 %.', code: 'TOO_BIG' });
    expect(percentRaiseProblem(10, 0)).toEqual({ message: 'Percent must be at least 1 %.', code: 'TOO_SMALL' });
    expect(percentRaiseProblem(10, 10.5)?.code).toBe('INVALID_TYPE');
  });
});

describe('suggestedSchedule', () => {
  it('goes from the start to 100 % in rising steps over a week', () => {
    expect(suggestedSchedule(1)).toEqual([
      { day: 0, percent: 1 },
      { day: 1, percent: 5 },
      { day: 3, percent: 25 },
      { day: 5, percent: 50 },
      { day: 7, percent: 100 },
    ]);
    const fromTen = suggestedSchedule(10);
    expect(fromTen[0]).toEqual({ day: 0, percent: 10 });
    expect(fromTen.at(-1)!.percent).toBe(100);
    for (let index = 1; index < fromTen.length; index += 1) {
      expect(fromTen[index]!.percent).toBeGreaterThan(fromTen[index - 1]!.percent);
      expect(fromTen[index]!.day).toBeGreaterThan(fromTen[index - 1]!.day);
    }
    expect(suggestedSchedule(100)).toEqual([{ day: 0, percent: 100 }]);
  });
});

describe('labels', () => {
  it('uses Ring’s words for a version’s rollout', () => {
    expect(rolloutVersionLabel({ status: 'DEPLOYMENT_PENDING', strategy: 'BETA', percent: 0 })).toBe('Deployment Pending');
    expect(rolloutVersionLabel({ status: 'IN_PROGRESS', strategy: 'GRADUAL', percent: 25 })).toBe('Live to 25 %');
    expect(rolloutVersionLabel({ status: 'COMPLETED', strategy: 'GRADUAL', percent: 100 })).toBe('Live to 100 %');
    expect(rolloutVersionLabel({ status: 'ROLLED_BACK', strategy: 'GRADUAL', percent: 5 })).toBe('Rolled back');
    expect(rolloutVersionLabel({ status: 'SUPERSEDED', strategy: 'FULL', percent: 100 })).toBe('Superseded');
    expect(distributionLabel({ nationwide: false, states: ['CA', 'TX'] })).toBe('California, Texas');
  });

  it('a beta reaches no public users; a gradual one at 1 % does', () => {
    expect(reachesUsers({ status: 'IN_PROGRESS', strategy: 'BETA', percent: 0 })).toBe(false);
    expect(reachesUsers({ status: 'IN_PROGRESS', strategy: 'GRADUAL', percent: 1 })).toBe(true);
    expect(reachesUsers({ status: 'ROLLED_BACK', strategy: 'GRADUAL', percent: 1 })).toBe(false);
  });
});
