/**
 * The JavaScript a first load of a console page needs, from the build output: what SvelteKit
 * modulepreloads into that page's HTML and what its client then imports at start. That is
 * the client start and app entries, the route's layout and page nodes, the root error page
 * (imported eagerly at start), and every module they import statically, transitively
 * (dynamic imports are left out: they load later, if ever). The walk is SvelteKit's own
 * (`find_deps` over Vite's client manifest); test/browser/first-load-weight.test.ts checks the
 * result against the files Chromium really fetches for /apps.
 *
 * For bench or anything else: `firstLoadWeight('/apps')` gives the files and totals, and
 * `withinBudget` against FIRST_LOAD_BUDGET_BYTES.
 *
 * Sizes are raw bytes and gzip at level 9 (node:zlib). 1 KB = 1000 bytes here.
 *
 *   tsx scripts/first-load-weight.ts [route]   # prints the report; `npm run build` runs it for /apps
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget for a first load of the apps list, gzipped. */
export const FIRST_LOAD_BUDGET_BYTES = 100_000;

export interface WeighedFile {
  /** Path under the client output, e.g. `_app/immutable/entry/start.co7ZbUYa.js` (served at `/<file>`). */
  file: string;
  raw: number;
  gzip: number;
}

export interface FirstLoadWeight {
  route: string;
  /** Start, app, layouts, root error page, page, each followed by its imports not listed before. */
  files: WeighedFile[];
  raw: number;
  gzip: number;
  budget: number;
  withinBudget: boolean;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

interface ServerManifest {
  _: {
    client: { start: string; app: string };
    routes: Array<{ id: string; page: { layouts: Array<number | undefined>; leaf: number } | null }>;
  };
}

const defaultConsoleDir = fileURLToPath(new URL('..', import.meta.url));

export async function firstLoadWeight(route = '/apps', options: { consoleDir?: string } = {}): Promise<FirstLoadWeight> {
  const outDir = join(options.consoleDir ?? defaultConsoleDir, '.svelte-kit');
  const clientDir = join(outDir, 'output', 'client');
  const manifestFile = join(clientDir, '.vite', 'manifest.json');
  let manifest: Record<string, ManifestChunk>;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  } catch (error) {
    throw new Error(`no client build manifest at ${manifestFile}: build the console first (npm run build)`, { cause: error });
  }
  // The route table SvelteKit generated: which layout and page nodes a route renders.
  const server = (await import(pathToFileURL(join(outDir, 'output', 'server', 'manifest-full.js')).href)) as { manifest: ServerManifest };
  const page = server.manifest._.routes.find((candidate) => candidate.id === route)?.page;
  if (!page) throw new Error(`no page route ${route} in the build`);

  const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
  const entryKey = (file: string) => {
    const key = byFile.get(file);
    if (!key) throw new Error(`${file} is not in the client manifest`);
    return key;
  };
  // SvelteKit's own names for the node entries (build_server.js).
  const nodeKey = (index: number) => `.svelte-kit/generated/client-optimized/nodes/${index}.js`;
  const roots = [
    entryKey(server.manifest._.client.start),
    entryKey(server.manifest._.client.app),
    ...page.layouts.filter((index): index is number => index !== undefined).map(nodeKey),
    // The client imports the root error page (node 1) eagerly at start, whatever the route
    // (kit's client.js: "so that connectivity errors after initialisation don't nuke the app").
    nodeKey(1),
    nodeKey(page.leaf),
  ];

  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the client manifest`);
    if (!files.includes(chunk.file)) files.push(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  roots.forEach(visit);

  const weighed = files.map((file): WeighedFile => {
    const bytes = readFileSync(join(clientDir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const gzip = weighed.reduce((sum, file) => sum + file.gzip, 0);
  return {
    route,
    files: weighed,
    raw: weighed.reduce((sum, file) => sum + file.raw, 0),
    gzip,
    budget: FIRST_LOAD_BUDGET_BYTES,
    withinBudget: gzip <= FIRST_LOAD_BUDGET_BYTES,
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** One line, then a line per file (sizes in bytes). */
export function formatFirstLoadWeight(weight: FirstLoadWeight): string {
  const verdict = weight.withinBudget ? 'within' : 'OVER';
  const lines = [
    `first load of ${weight.route}: ${weight.files.length} JavaScript files, ${kb(weight.gzip)} gzipped (level 9), ${kb(weight.raw)} raw; ${verdict} the ${kb(weight.budget)} budget`,
    `  ${'gzip B'.padStart(8)}  ${'raw B'.padStart(8)}  file`,
    ...weight.files.map((file) => `  ${String(file.gzip).padStart(8)}  ${String(file.raw).padStart(8)}  ${file.file}`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatFirstLoadWeight(await firstLoadWeight(process.argv[2] ?? '/apps')));
}
