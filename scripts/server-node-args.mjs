// The node flags the console server runs with, for `npm start` and for the tests and the bench
// that start it the same way. --max-semi-space-size=32: V8's young generation (16 MiB per
// semi-space by default on 64-bit) fills within a few uncached requests of a large answer
// (viewer.apps(first: 50) with every tab is ~150 KB of JSON, built from many short-lived
// objects), and every scavenge copies what is still alive; a larger one scavenges less often
// (issue 18: garbage collection was 31 % of that request's profile). 64 did more for the
// uncached reads but longer scavenges put the cached overview's p99 over its 2x budget
// (bench/RESULTS.md has the three runs).
export const SERVER_NODE_ARGS = ['--max-semi-space-size=32', '--enable-source-maps', '--conditions=ring-compiled', 'build/server.js'];
