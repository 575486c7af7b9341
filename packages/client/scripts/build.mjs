#!/usr/bin/env node
// Builds the publishable package into lib/ (gitignored): the JavaScript and type declarations
// that tsc compiles from src/ (the generated typed documents included: `npm run generate` runs
// first, as turbo's build does), this folder's README, and a package.json for npm. lib/ is the
// package: `npm pack ./lib` (or `npm publish ./lib`). The workspace itself keeps importing
// src/ directly (package.json's exports), so the console needs no build of this package. (Not
// pnpm's publishConfig.directory: pnpm would then link the workspace's dependents to lib/.)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const lib = join(here, 'lib');
const source = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));

if (!existsSync(join(here, 'src/generated/graphql.ts'))) {
  console.error('src/generated/ is missing: run `npm run generate` (or the root `npm run build`) first.');
  process.exit(1);
}

rmSync(lib, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.build.json')], { stdio: 'inherit' });

// tsc rewrites the .ts of relative imports in the JavaScript, not in the declarations.
const declarations = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? declarations(path) : name.endsWith('.d.ts') ? [path] : [];
  });
for (const file of declarations(lib)) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
}

const entry = (name) => ({ types: `./${name}.d.ts`, default: `./${name}.js` });
const { graphql, ...dependencies } = source.dependencies;
const manifest = {
  name: source.name,
  version: source.version,
  description: source.description,
  keywords: ['ring', 'graphql', 'sdk', 'apollo', 'urql'],
  type: 'module',
  engines: { node: '>=20' },
  sideEffects: false,
  exports: { '.': entry('index'), './urql': entry('urql'), './package.json': './package.json' },
  main: './index.js',
  types: './index.d.ts',
  dependencies,
  // One graphql in the tool: two copies would mean two of its classes (and instanceof checks that fail).
  peerDependencies: { graphql: '^16.8.0' },
  // A scoped package is published restricted unless it says otherwise.
  publishConfig: { access: 'public' },
};
writeFileSync(join(lib, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
copyFileSync(join(here, 'README.md'), join(lib, 'README.md'));
console.log(`Built ${source.name}@${source.version} into packages/client/lib (npm pack ./lib).`);
