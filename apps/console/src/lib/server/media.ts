/**
 * The media handler, like the API, comes from server.ts's process rather than being bundled
 * (see api.ts); under `vite dev` Vite's module runner loads it itself.
 */
export async function mediaHandler(): Promise<(id: string, request: Request) => Promise<Response>> {
  if (!globalThis.__ringMediaHandler) {
    const specifier = '@ring/api/media';
    const { serveMedia } = (await import(/* @vite-ignore */ specifier)) as typeof import('@ring/api/media');
    globalThis.__ringMediaHandler ??= serveMedia;
  }
  return globalThis.__ringMediaHandler;
}
