import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The workspace packages are TypeScript run by tsx in the server process (see server.ts);
  // keeping them external gives the whole process one API, one Prisma client, one pool.
  ssr: { external: ['@ring/api', '@ring/db', '@ring/domain', '@ring/client'] },
  server: { fs: { allow: ['../..'] } },
});
