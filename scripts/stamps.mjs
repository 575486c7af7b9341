// `npm start`'s fast path: stamps that say the dependencies are installed for exactly this
// lockfile and these manifests, and that the build is up to date with its inputs, so that an
// unchanged tree starts without spawning pnpm or turbo. Both checks read a few hundred small
// files (tens of milliseconds). Anything they do not recognise counts as a change: the normal
// install and build run, exactly as without stamps.
//
// The stamps live in node_modules/.cache/ring-start/ (ignored, never committed; deleting it,
// or FORCE_SETUP=1, makes the next `npm start` install and build again).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNPM_VERSION } from './pnpm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP_DIR = join(root, 'node_modules', '.cache', 'ring-start');
const INSTALL_STAMP = join(STAMP_DIR, 'install.json');
const BUILD_STAMP = join(STAMP_DIR, 'build.json');
const FORMAT = 1;

/** Files besides the workspace manifests that decide what `pnpm install` puts in node_modules. */
const INSTALL_FILES = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc', '.pnpmfile.cjs'];

/**
 * What turbo's `build` (and the `generate` it depends on) reads: the workspace packages and
 * apps, the Prisma schema and the demo seed, the compile script and the root configuration.
 * Hashed by content, so a checkout that only touches files does not rebuild. Generated code
 * and build output are not inputs.
 */
const BUILD_INPUT_DIRS = ['packages', 'apps', 'prisma'];
const BUILD_INPUT_FILES = ['package.json', 'turbo.json', 'tsconfig.base.json', 'scripts/compile.mjs'];
const SKIPPED_DIRS = new Set(['node_modules', '.turbo', '.svelte-kit', 'dist', 'coverage', 'test-results']);
const isOutputDir = (relativePath) => /^apps\/[^/]+\/build$/.test(relativePath) || /^packages\/[^/]+\/src\/generated$/.test(relativePath);

/**
 * The build's results that the server runs (turbo.json's `outputs`): each app's build/, each
 * package's dist/ (packages with a build script) and src/generated/ (with a generate script).
 * Compared by path, size and mtime, so a deleted or rewritten output also counts as a change.
 */
function buildOutputDirs() {
  const dirs = [];
  for (const dir of workspaceDirs() ?? []) {
    const scripts = readJson(join(root, dir, 'package.json'))?.scripts ?? {};
    if (dir.startsWith('apps/') && scripts.build) dirs.push(`${dir}/build`);
    if (dir.startsWith('packages/') && scripts.build) dirs.push(`${dir}/dist`);
    if (dir.startsWith('packages/') && scripts.generate) dirs.push(`${dir}/src/generated`);
  }
  return dirs;
}

export const forced = () => ['1', 'true'].includes((process.env.FORCE_SETUP ?? '').toLowerCase());

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}

/**
 * The workspace's package folders from pnpm-workspace.yaml ('.', plain folders and `dir/*`).
 * Null when it uses a pattern this reader does not understand: then nothing is skipped.
 */
export function workspaceDirs() {
  let text;
  try {
    text = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  } catch {
    return null;
  }
  const patterns = [];
  let inPackages = false;
  for (const line of text.split('\n')) {
    if (/^packages:\s*(#.*)?$/.test(line)) {
      inPackages = true;
      continue;
    }
    if (!inPackages) continue;
    const item = /^\s+-\s+(["']?)([^"'#\s]+)\1\s*(#.*)?$/.exec(line);
    if (item) patterns.push(item[2]);
    else if (!/^\s*(#.*)?$/.test(line)) inPackages = false;
  }
  const dirs = ['.'];
  for (const pattern of patterns) {
    const base = pattern.endsWith('/*') ? pattern.slice(0, -2) : pattern;
    if (/[*?[\]{}!]/.test(base)) return null;
    if (!pattern.endsWith('/*')) {
      dirs.push(base);
      continue;
    }
    let entries;
    try {
      entries = readdirSync(join(root, base), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && existsSync(join(root, base, entry.name, 'package.json'))) dirs.push(`${base}/${entry.name}`);
    }
  }
  return dirs.sort();
}

/** A hash of everything `pnpm install --frozen-lockfile` depends on; null when it cannot tell. */
export function installFingerprint() {
  const dirs = workspaceDirs();
  if (!dirs) return null;
  const hash = createHash('sha256').update(`format ${FORMAT}\npnpm ${PNPM_VERSION}\n${process.platform} ${process.arch}\n`);
  const add = (name) => {
    let content;
    try {
      content = readFileSync(join(root, name));
    } catch {
      hash.update(`${name} absent\n`);
      return;
    }
    hash.update(`${name} ${content.length}\n`).update(content);
  };
  if (!existsSync(join(root, 'pnpm-lock.yaml'))) return null;
  for (const name of INSTALL_FILES) add(name);
  for (const dir of dirs) add(join(dir, 'package.json'));
  return hash.digest('hex');
}

/** pnpm rewrites node_modules/.modules.yaml on every install, by hand or by us. */
function modulesState() {
  try {
    const stat = statSync(join(root, 'node_modules', '.modules.yaml'));
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** True when the last successful install was for exactly these manifests and lockfile. */
export function installIsCurrent(fingerprint = installFingerprint()) {
  if (!fingerprint) return false;
  const stamp = readJson(INSTALL_STAMP);
  if (stamp?.format !== FORMAT || stamp.fingerprint !== fingerprint || stamp.modules !== modulesState()) return false;
  // A package's node_modules deleted by hand: pnpm would recreate it.
  return (stamp.linked ?? []).every((dir) => existsSync(join(root, dir, 'node_modules')));
}

/** Forgets the install: one that fails half-way must not leave the last stamp standing. */
export function forgetInstall() {
  rmSync(INSTALL_STAMP, { force: true });
}

/** Called after a successful install, with the fingerprint taken before it. */
export function recordInstall(fingerprint) {
  if (!fingerprint || !modulesState()) return;
  const linked = (workspaceDirs() ?? []).filter((dir) => existsSync(join(root, dir, 'node_modules')));
  writeJson(INSTALL_STAMP, { format: FORMAT, fingerprint, modules: modulesState(), linked });
}

function walk(dir, relativeDir, visit, skip) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const relativePath = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!skip(entry.name, relativePath)) walk(path, relativePath, visit, skip);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      visit(path, relativePath);
    }
  }
}

/** A content hash of the build's inputs, and of the installed dependencies it builds with. */
export function buildInputsFingerprint(install = installFingerprint()) {
  if (!install) return null;
  const hash = createHash('sha256').update(`format ${FORMAT}\ninstall ${install}\n`);
  const add = (path, relativePath) => {
    let content;
    try {
      content = readFileSync(path);
    } catch {
      hash.update(`${relativePath} unreadable\n`);
      return;
    }
    hash.update(`${relativePath} ${content.length}\n`).update(content);
  };
  for (const name of BUILD_INPUT_FILES) add(join(root, name), name);
  for (const dir of BUILD_INPUT_DIRS) {
    walk(join(root, dir), dir, add, (name, relativePath) => SKIPPED_DIRS.has(name) || isOutputDir(relativePath));
  }
  return hash.digest('hex');
}

/** Path, size and mtime of every file the build produced; null when one of its folders is missing. */
export function buildOutputsFingerprint() {
  const dirs = buildOutputDirs();
  if (!dirs.length) return null;
  const hash = createHash('sha256');
  for (const dir of dirs) {
    if (!existsSync(join(root, dir))) return null;
    walk(
      join(root, dir),
      dir,
      (path, relativePath) => {
        const stat = statSync(path, { throwIfNoEntry: false });
        hash.update(`${relativePath} ${stat ? `${stat.size} ${stat.mtimeMs}` : 'gone'}\n`);
      },
      () => false,
    );
  }
  return hash.digest('hex');
}

/** True when the last build recorded was made from exactly these inputs and its output is untouched. */
export function buildIsCurrent(inputs) {
  if (!inputs) return false;
  const stamp = readJson(BUILD_STAMP);
  return stamp?.format === FORMAT && stamp.inputs === inputs && stamp.outputs === buildOutputsFingerprint();
}

/** Called after a successful build, with the inputs fingerprint taken before it. */
export function recordBuild(inputs) {
  const outputs = buildOutputsFingerprint();
  if (!inputs || !outputs) return;
  writeJson(BUILD_STAMP, { format: FORMAT, inputs, outputs });
}

/** Forgets the build (a failed or interrupted one). */
export function forgetBuild() {
  rmSync(BUILD_STAMP, { force: true });
}
