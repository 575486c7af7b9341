/**
 * `npm start`'s fast path (scripts/stamps.mjs) in a throwaway git repository shaped like ours:
 * it skips the build only while the build's inputs and outputs are exactly as recorded, and
 * the install only while pnpm's record of its last install is this lockfile.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface Stamps {
  installIsCurrent(): boolean;
  buildInputsFingerprint(): string | null;
  buildIsCurrent(inputs: string | null): boolean;
  recordBuild(inputs: string | null): void;
}

let repo: string;
let stamps: Stamps;

function write(path: string, content: string) {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), content);
}

beforeEach(async () => {
  repo = mkdtempSync(join(tmpdir(), 'ring-stamps-'));
  mkdirSync(join(repo, 'scripts'));
  // A copy per repository: the module finds the repository from its own location.
  copyFileSync(new URL('../../scripts/stamps.mjs', import.meta.url), join(repo, 'scripts/stamps.mjs'));
  write('.gitignore', 'node_modules/\ndist/\n');
  write('package.json', '{}');
  write('pnpm-lock.yaml', 'lockfileVersion: 9\n');
  write('packages/domain/package.json', JSON.stringify({ scripts: { build: 'esbuild' } }));
  write('packages/domain/src/index.ts', 'export const a = 1;\n');
  mkdirSync(join(repo, 'apps'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  execFileSync('git', ['add', '.'], { cwd: repo });
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init'], { cwd: repo });
  write('node_modules/.pnpm/lock.yaml', 'lockfileVersion: 9\n');
  write('packages/domain/dist/index.js', 'export const a = 1;\n');
  stamps = await import(`${join(repo, 'scripts/stamps.mjs')}?${Date.now()}`);
  stamps.recordBuild(stamps.buildInputsFingerprint());
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('npm start fast path', () => {
  it('skips the build for an untouched tree and for a file saved unchanged', () => {
    expect(stamps.buildIsCurrent(stamps.buildInputsFingerprint())).toBe(true);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(repo, 'packages/domain/src/index.ts'), later, later);
    expect(stamps.buildIsCurrent(stamps.buildInputsFingerprint())).toBe(true);
  });

  it('builds again when a source changes, a file is added, or an output is deleted', () => {
    write('packages/domain/src/index.ts', 'export const a = 2;\n');
    expect(stamps.buildIsCurrent(stamps.buildInputsFingerprint())).toBe(false);
    write('packages/domain/src/index.ts', 'export const a = 1;\n');
    expect(stamps.buildIsCurrent(stamps.buildInputsFingerprint())).toBe(true);

    write('packages/domain/src/new.ts', 'export {};\n');
    expect(stamps.buildIsCurrent(stamps.buildInputsFingerprint())).toBe(false);
    rmSync(join(repo, 'packages/domain/src/new.ts'));

    rmSync(join(repo, 'packages/domain/dist'), { recursive: true });
    expect(stamps.buildIsCurrent(stamps.buildInputsFingerprint())).toBe(false);
  });

  it('installs again when the lockfile is not the one pnpm last installed', () => {
    expect(stamps.installIsCurrent()).toBe(true);
    write('pnpm-lock.yaml', 'lockfileVersion: 9\nimporters: {}\n');
    expect(stamps.installIsCurrent()).toBe(false);
    rmSync(join(repo, 'node_modules'), { recursive: true });
    write('pnpm-lock.yaml', 'lockfileVersion: 9\n');
    expect(stamps.installIsCurrent()).toBe(false);
  });
});
