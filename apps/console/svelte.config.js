import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { execSync } from 'node:child_process';

// Vite 8 loads this config once per build environment; SvelteKit's default version (the
// time of loading) would then differ between the client and the server build, and the page
// would look for the wrong global at start. A stable name per commit keeps them equal.
function buildVersion() {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
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
    // SvelteKit's check compares Origin with the origin adapter-node assumes (https unless ORIGIN
    // is set), which refuses plain-http deployments and tests. hooks.server.ts checks form posts
    // against the Host they were sent to instead; /graphql is guarded by yoga's CSRF prevention.
    csrf: { trustedOrigins: ['*'] },
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
