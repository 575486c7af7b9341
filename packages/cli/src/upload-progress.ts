/**
 * A fetch that reports how much of a multipart body has gone out, for the progress bar of
 * `app push`. The form is serialised first (media files are a few MB at most: the API refuses
 * more) so that its length is known, then streamed in chunks.
 */
const CHUNK = 64 * 1024;

export type ProgressReport = (sent: number, total: number) => void;

export function fetchWithUploadProgress(report: ProgressReport): typeof fetch {
  return async (input, init) => {
    if (!(init?.body instanceof FormData)) return fetch(input, init);
    const form = new Response(init.body);
    const bytes = new Uint8Array(await form.arrayBuffer());
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes.length) {
          controller.close();
          return;
        }
        const chunk = bytes.subarray(sent, sent + CHUNK);
        sent += chunk.length;
        controller.enqueue(chunk);
        report(sent, bytes.length);
      },
    });
    const headers = new Headers(init.headers);
    headers.set('content-type', form.headers.get('content-type') ?? 'multipart/form-data');
    headers.set('content-length', String(bytes.length));
    return fetch(input, { ...init, headers, body, duplex: 'half' } as RequestInit);
  };
}

const MB = 1_000_000;
const WIDTH = 24;

/** A progress bar on a terminal (redrawn in place); one line at the start and the end otherwise. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressReport {
  let started = false;
  return (sent, total) => {
    const size = `${(sent / MB).toFixed(1)}/${(total / MB).toFixed(1)} MB`;
    if (stream.isTTY) {
      const filled = Math.round((sent / total) * WIDTH);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.floor((sent / total) * 100)} % ${size}`);
      if (sent === total) stream.write('\n');
      return;
    }
    if (!started) stream.write(`${label} (${(total / MB).toFixed(1)} MB)…\n`);
    started = true;
    if (sent === total) stream.write(`${label}: sent.\n`);
  };
}
