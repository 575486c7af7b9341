/**
 * Every table belongs to one module, and only that module names it: other modules call the
 * functions it offers. Checked on the source, so a new module cannot quietly copy a leak.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const modulesDir = join(root, 'packages/api/src/modules');

/** Module -> the Prisma models it owns. Modules absent here own none. */
const OWNERS: Record<string, string[]> = {
  identity: ['Developer', 'Session', 'ApiToken', 'PasswordReset', 'RateLimit'],
  apps: ['App'],
  credentials: ['Credential'],
  'app-info': ['GeneralInfo', 'MediaInfo', 'CompatibilityInfo', 'AdditionalInfo'],
  media: ['MediaAsset', 'AdditionalImage', 'AppVersionMedia'],
  'account-linking': ['AccountLinking'],
  webhooks: ['WebhookDelivery'],
  'endpoint-checks': ['EndpointCheckRun'],
  audit: ['AuditEvent'],
  'certification-forms': ['QuestionnaireAnswers', 'ReviewerNotes'],
  'link-rehearsals': ['LinkRehearsal'],
  sandbox: ['SandboxToken'],
  certification: ['AppVersion', 'CertificationSubmission'],
  rollouts: ['Rollout', 'RolloutEvent', 'BetaTester'],
};

const models = [...readFileSync(join(root, 'prisma/schema.prisma'), 'utf8').matchAll(/^model (\w+) \{/gm)].map((match) => match[1]!);
const ownerOf = new Map(Object.entries(OWNERS).flatMap(([module, owned]) => owned.map((model) => [model, module] as const)));
const lowerFirst = (name: string) => name[0]!.toLowerCase() + name.slice(1);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The models a source text names: `prisma.model` / `tx.model` delegates and `Prisma.ModelSomething` types. */
function modelsNamed(source: string): Set<string> {
  const named = new Set<string>();
  // Longest first, so that `Prisma.AppGetPayload` is App and `Prisma.AdditionalInfoUpdateInput` not some shorter name.
  const byLength = [...models].sort((a, b) => b.length - a.length);
  for (const match of source.matchAll(/\b(?:prisma|tx)\.(\w+)/g)) {
    const model = models.find((name) => lowerFirst(name) === match[1]);
    if (model) named.add(model);
  }
  for (const match of source.matchAll(/\bPrisma\.([A-Z]\w*)/g)) {
    const model = byLength.find((name) => match[1]!.startsWith(name) && !/^[a-z]/.test(match[1]!.slice(name.length)));
    if (model) named.add(model);
  }
  return named;
}

describe('module ownership', () => {
  it('every model of the schema has exactly one owning module', () => {
    expect([...ownerOf.keys()].sort()).toEqual([...models].sort());
    expect(Object.values(OWNERS).flat().length).toBe(models.length);
  });

  it('no module names a model another module owns', () => {
    const leaks: string[] = [];
    for (const file of sourceFiles(modulesDir)) {
      const module = file.slice(modulesDir.length + 1).split('/')[0]!;
      for (const model of modelsNamed(readFileSync(file, 'utf8'))) {
        if (ownerOf.get(model) !== module) leaks.push(`${file.slice(root.length)} names ${model} (owned by ${ownerOf.get(model)})`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('only the media module reaches media storage and its key locks', () => {
    const reaching = sourceFiles(modulesDir)
      .filter((file) => /from '(\.\.\/)+storage\//.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(modulesDir.length + 1))
      .filter((file) => !file.startsWith('media/'));
    expect(reaching).toEqual([]);
  });

  it('the lifecycle takes other modules’ facts as they type them, without casts', () => {
    const casts = sourceFiles(join(modulesDir, 'lifecycle')).filter((file) => /\bas unknown as\b/.test(readFileSync(file, 'utf8')));
    expect(casts).toEqual([]);
  });

  it('finds the references it looks for', () => {
    expect([...modelsNamed('tx.mediaAsset.create(); Prisma.AdditionalInfoUpdateInput; prisma.app.findMany(); Prisma.TransactionClient')].sort()).toEqual([
      'AdditionalInfo',
      'App',
      'MediaAsset',
    ]);
  });
});
