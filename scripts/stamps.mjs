// `npm start`'s fast path: is the install current, and was the build made from exactly these
// sources? When both are, an unchanged tree starts without spawning pnpm or turbo (spawning
// them costs seconds on a small machine, more than the whole server start). Anything these
// checks do not recognise counts as a change: the normal install and build run.
//
// - Install: pnpm itself records the lockfile it installed as node_modules/.pnpm/lock.yaml.
//   The install is current while that record equals pnpm-lock.yaml (which `--frozen-lockfile`
//   keeps in step with every manifest).
// - Build: a content hash of what turbo's `build` reads (git's own blob hashes for tracked,
//   unmodified files; the bytes of the rest), recorded after a successful build together with
//   the size and mtime of every output, so a deleted or rewritten output also counts.
//
// The build record lives in node_modules/.cache/ring-start/ (never committed; deleting it, or
// FORCE_SETUP=1, makes the next `npm start` install and build again).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUILD_STAMP = join(root, 'node_modules', '.cache', 'ring-start', 'build.json');
const FORMAT = 2;

/** What turbo's `build` (and the `generate` it depends on) reads, besides the installed packages. */
const BUILD_INPUTS = ['packages', 'apps', 'prisma', 'package.json', 'turbo.json', 'tsconfig.base.json'];
/** Generated code and build output (turbo.json's `outputs`), which are not inputs. */
const OUTPUT_DIRS = { apps: ['build'], packages: ['dist', 'src/generated'] };

export const forced = () => ['1', 'true'].includes((process.env.FORCE_SETUP ?? '').toLowerCase());

function read(file) {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/** True when pnpm's record of its last install is this lockfile. */
export function installIsCurrent() {
  const lockfile = read(join(root, 'pnpm-lock.yaml'));
  const installed = read(join(root, 'node_modules', '.pnpm', 'lock.yaml'));
  return lockfile !== null && installed !== null && lockfile.equals(installed);
}

/** Every output folder of the workspace's apps and packages (existing or not). */
function outputDirs() {
  const dirs = [];
  for (const [parent, outputs] of Object.entries(OUTPUT_DIRS)) {
    for (const name of readdirSync(join(root, parent))) {
      const manifest = read(join(root, parent, name, 'package.json'));
      if (!manifest) continue;
      const scripts = JSON.parse(manifest.toString()).scripts ?? {};
      for (const output of outputs) {
        const made = output === 'src/generated' ? scripts.generate : scripts.build;
        if (made) dirs.push(`${parent}/${name}/${output}`);
      }
    }
  }
  return dirs;
}

/**
 * A hash of the build's inputs and of the installed dependencies. git lists the files (tracked
 * and untracked, minus ignored ones, so node_modules and outputs drop out) and already knows
 * the content hash of every tracked file it sees unmodified; only changed files are read.
 * Null outside a git checkout: then every start builds.
 */
export function buildInputsFingerprint() {
  const git = (args) => spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const listed = git(['ls-files', '--cached', '--others', '--exclude-standard', '-s', '--', ...BUILD_INPUTS]);
  const modified = git(['ls-files', '--modified', '--others', '--exclude-standard', '--', ...BUILD_INPUTS]);
  if (listed.status !== 0 || modified.status !== 0) return null;
  const changed = new Set(modified.stdout.split('\n').filter(Boolean));
  const hash = createHash('sha256')
    .update(`format ${FORMAT}\n`)
    .update(read(join(root, 'node_modules', '.pnpm', 'lock.yaml')) ?? 'not installed');
  for (const line of listed.stdout.split('\n').filter(Boolean).sort()) {
    // "<mode> <blob> <stage>\t<path>" for tracked files, the bare path for untracked ones.
    const [meta, path = meta] = line.split('\t');
    const content = changed.has(path) || path === meta ? read(join(root, path)) : null;
    hash.update(`${path} ${content ? createHash('sha1').update(content).digest('hex') : meta.split(' ')[1]}\n`);
  }
  return hash.digest('hex');
}

function outputsFingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(join(root, path), { throwIfNoEntry: false });
        hash.update(`${path} ${stat ? `${stat.size} ${stat.mtimeMs}` : 'gone'}\n`);
      }
    }
  };
  for (const dir of outputDirs()) {
    if (!existsSync(join(root, dir))) return null;
    walk(dir);
  }
  return hash.digest('hex');
}

/** True when the last recorded build was made from exactly these inputs and its output is untouched. */
export function buildIsCurrent(inputs) {
  if (!inputs) return false;
  const stamp = JSON.parse(read(BUILD_STAMP)?.toString() ?? 'null');
  return stamp?.format === FORMAT && stamp.inputs === inputs && stamp.outputs === outputsFingerprint();
}

/** Called after a successful build, with the inputs fingerprint taken before it. */
export function recordBuild(inputs) {
  const outputs = outputsFingerprint();
  if (!inputs || !outputs) return;
  mkdirSync(join(BUILD_STAMP, '..'), { recursive: true });
  writeFileSync(BUILD_STAMP, `${JSON.stringify({ format: FORMAT, inputs, outputs })}\n`);
}

/** Forgets the build (a failed or interrupted one). */
export function forgetBuild() {
  rmSync(BUILD_STAMP, { force: true });
}
