#!/usr/bin/env node
// The server's TypeScript as plain JavaScript, so that `npm start` runs it on Node alone.
//
// Under `node --import tsx` every module (650 of them, node_modules included) goes through
// tsx's loader thread, which doubled the server's start-up. This transpiles (no type check:
// `typecheck` does that) file by file, the way tsx does, keeping the layout:
//
//   node ../../scripts/compile.mjs            in a workspace package: src/**/*.ts -> dist/**/*.js
//                                              (its package.json exports point the
//                                              "ring-compiled" condition at dist/)
//   node ../../scripts/compile.mjs --server   in apps/console: server.ts and the demo seed and
//                                              headers it imports -> build/server.js, build/seed.js,
//                                              build/security-headers.js
//
// `npm start` runs `node --conditions=ring-compiled build/server.js`; the tests, `vite dev`,
// tsc and `node --import tsx server.ts` keep using the TypeScript sources. Source maps point
// stack traces at the .ts files, as under tsx.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cwd = process.cwd();
// The package's own TypeScript (every workspace package declares it).
const ts = createRequire(join(cwd, 'package.json'))('typescript');

function compilerOptions() {
  const file = join(root, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const { options, errors } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root, file);
  if (errors.length) throw new Error(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return { ...options, noEmit: false, declaration: false, sourceMap: true, inlineSources: false, rewriteRelativeImportExtensions: true };
}
const options = compilerOptions();

/** Transpiles one file to `outFile` (+ .map); `mapSpecifier` may rewrite relative import specifiers. */
function compile(sourceFile, outFile, mapSpecifier = (specifier) => specifier) {
  const source = readFileSync(sourceFile, 'utf8');
  const result = ts.transpileModule(source, { fileName: sourceFile, compilerOptions: options, reportDiagnostics: true });
  const problems = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (problems.length) {
    throw new Error(`${relative(root, sourceFile)}: ${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')}`);
  }
  const mapName = `${basename(outFile)}.map`;
  const code = result.outputText
    // Relative specifiers in static imports/exports and in import('...').
    .replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.\.?\/[^"']*)\2/g, (_all, lead, quote, specifier) => `${lead}${quote}${mapSpecifier(specifier)}${quote}`)
    .replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${mapName}`);
  const map = JSON.parse(result.sourceMapText);
  map.file = basename(outFile);
  map.sources = [relative(dirname(outFile), sourceFile).split('\\').join('/')];
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, code);
  writeFileSync(`${outFile}.map`, JSON.stringify(map));
}

function typescriptFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...typescriptFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function compilePackage() {
  const src = join(cwd, 'src');
  const dist = join(cwd, 'dist');
  rmSync(dist, { recursive: true, force: true });
  const files = typescriptFiles(src);
  for (const file of files) compile(file, join(dist, relative(src, file)).replace(/\.ts$/, '.js'));
  console.log(`compiled ${files.length} files to ${relative(root, dist)}/`);
}

/**
 * server.ts imports the SvelteKit build and the seed by relative paths; compiled into build/,
 * those become siblings. Any other relative import would need a place here: refused loudly.
 */
function compileServer() {
  const build = join(cwd, 'build');
  const placed = new Map([
    [join(cwd, 'server.ts'), join(build, 'server.js')],
    [join(root, 'prisma', 'seed.ts'), join(build, 'seed.js')],
    [join(cwd, 'src', 'lib', 'security-headers.ts'), join(build, 'security-headers.js')],
    [join(build, 'handler.js'), join(build, 'handler.js')],
  ]);
  for (const [source, out] of placed) {
    if (!source.endsWith('.ts')) continue;
    compile(source, out, (specifier) => {
      // The transpiler already turned `.ts` into `.js`; find the file it names.
      const target = resolve(dirname(source), specifier);
      const original = [...placed.keys()].find((file) => file === target || file === target.replace(/\.js$/, '.ts'));
      if (!original) throw new Error(`${relative(root, source)} imports ${specifier}, which scripts/compile.mjs does not place next to build/server.js.`);
      const moved = relative(dirname(out), placed.get(original)).split('\\').join('/');
      return moved.startsWith('.') ? moved : `./${moved}`;
    });
  }
  console.log(`compiled server.ts and prisma/seed.ts to ${relative(root, build)}/`);
}

if (process.argv.includes('--server')) compileServer();
else compilePackage();
