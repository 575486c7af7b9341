/**
 * What Certify tells the lifecycle: a selection on App (for Pothos `select`, loaded with the
 * app itself) and a pure function of what it loads.
 */
import { certificationInProgress, type CertificationStatus } from '@ring/domain';

export const CERTIFICATION_FACTS_SELECT = {
  certificationSubmissions: { select: { status: true }, orderBy: { createdAt: 'desc' }, take: 1 },
} as const;

export interface CertificationFacts {
  certificationSubmissions: { status: CertificationStatus }[];
}

/** The latest submission awaits pre-checks, a reviewer, or the developer's fix. */
export function certificationUnderWay(facts: CertificationFacts): boolean {
  return certificationInProgress(facts.certificationSubmissions[0]?.status ?? null);
}
