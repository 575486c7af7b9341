/**
 * A reviewer's findings on the App Information page: the page provides them (by the input
 * field they name), and each Field shows the ones naming its id beside it.
 */
import { getContext, setContext } from 'svelte';

export interface FieldFinding {
  area: string;
  field?: string | null;
  message: string;
}

const KEY = Symbol('review-findings');

export function provideFindings(findings: () => readonly FieldFinding[]): void {
  setContext(KEY, findings);
}

/** Called while a component initialises: a lookup of the findings naming a field (none outside a page that provides them). */
export function findingsLookup(): (field: string | undefined) => FieldFinding[] {
  const findings = getContext<(() => readonly FieldFinding[]) | undefined>(KEY);
  return (field) => (findings && field ? findings().filter((finding) => finding.field === field) : []);
}

/** When elapsed seconds read as a person would say them: "3 h 5 min", "2 d 4 h". */
export function waitingTime(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
