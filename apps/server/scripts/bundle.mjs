// Bundles the built server (dist/main.js, tsc's output) into one minified ES module,
// dist/tavla-server.mjs, which production runs (bin/tavla-server, [P7] in docs/server-rules.md).
//
// Why: V8 keeps the source text of every module it loads in the heap, and the server loads a
// few hundred modules with their comments (yjs alone is ~590 KB of source). One minified file
// without the parts nothing calls is ~390 KB in all: ~5 MB less heap and 5–7 MB less RSS under
// load (docs/performance.md, "Round 7"). Names are kept, so stack traces and error names read
// as in the sources; the source map beside it is used only when node runs with
// --enable-source-maps (TAVLA_NODE_FLAGS).
//
// better-sqlite3 stays a separate package: it loads its native addon from its own folder.
//
// `node scripts/bundle.mjs [dir]` bundles the server package in `dir` (default: this one), e.g.
// an older checkout's apps/server for an A/B in the benchmark (docs/performance.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = process.argv[2]
  ? path.resolve(process.argv[2])
  : fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['dist/main.js'],
  outfile: 'dist/tavla-server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  external: ['better-sqlite3'],
  // Bundled CommonJS packages (ws) call require() for node's own modules.
  banner: {
    js: "import { createRequire as __tavlaCreateRequire } from 'node:module'; const require = __tavlaCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
