import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { execSync } from 'node:child_process';

// Vite 8 loads this config once per build environment; SvelteKit's default version (the
// time of loading) would then differ between the client and the server build, and the page
// would look for the wrong global at start. A stable name per commit keeps them equal.
function buildVersion() {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return process.env.BUILD_VERSION ?? 'dev';
  }
}

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    version: { name: buildVersion() },
    adapter: adapter({ out: 'build', precompress: false }),
    // SvelteKit's own check stays on: a form action (sign-in, create app, delete…) must be posted
    // from this origin. /graphql never reaches it (server.ts hands it to yoga, whose CSRF
    // prevention wants a header), so tools posting multipart uploads without Origin still work.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:', 'blob:'],
        'media-src': ['self', 'blob:'],
        'connect-src': ['self'],
        'font-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};
