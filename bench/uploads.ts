/**
 * Upload memory: what concurrent legitimate uploads cost the server in resident memory, and
 * how much of an oversized body it reads before refusing it.
 */
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { print } from 'graphql';
import { AppInfoPage_SaveMediaAssetsDocument } from '@ring/client';
import { CSRF_HEADERS } from '@ring/client/urql';
import { FORM_DATA_LIMITS } from '@ring/api/upload-limits';
import { bytesRead, memory } from './load.ts';
import { fiveMegabyteVideo } from './seed.ts';

const MiB = 1024 * 1024;

export interface ConcurrentUploads {
  uploads: number;
  bytesEach: number;
  succeeded: number;
  rssBefore: number;
  /** Peak resident memory during the uploads (VmHWM, reset just before them). */
  rssPeak: number;
  growth: number;
  seconds: number;
}

/** Resets the process's peak resident memory (VmHWM) to its current RSS (Linux 4.0+). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/**
 * What surrounds the video in a saveMediaAssets multipart request carrying one, as a browser
 * sends it: the operation and the map before it, the closing boundary after it.
 */
function videoUploadFraming(appId: string, boundary: string): { head: Buffer; tail: Buffer } {
  const operations = JSON.stringify({ query: print(AppInfoPage_SaveMediaAssetsDocument), variables: { input: { appId, video: null } } });
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${operations}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.input.video"]}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  return { head, tail: Buffer.from(`\r\n--${boundary}--\r\n`) };
}

function videoUploadBody(appId: string, video: Uint8Array, boundary: string): Buffer {
  const { head, tail } = videoUploadFraming(appId, boundary);
  return Buffer.concat([head, video, tail]);
}

/** POSTs a prepared body (no copies on this side), answering status and response text. */
function post(baseUrl: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const url = new URL(`${baseUrl}/graphql`);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...headers, 'content-length': body.length } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `count` saveMediaAssets at once, each with a 5 MB MP4 video, one per app. */
export async function concurrentVideoUploads(baseUrl: string, pid: number, auth: Record<string, string>, appIds: string[]): Promise<ConcurrentUploads> {
  const video = fiveMegabyteVideo();
  const boundary = `bench${Date.now()}`;
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, ...CSRF_HEADERS, ...auth };
  const send = async (body: Buffer) => {
    const { status, text } = await post(baseUrl, body, headers);
    return status === 200 && text.includes('"SaveMediaAssetsSuccess"');
  };
  // Warm: the code path is loaded before the peak is measured.
  if (!(await send(videoUploadBody(appIds[0]!, video, boundary)))) throw new Error('a single video upload already fails');
  const bodies = appIds.map((appId) => videoUploadBody(appId, video, boundary));
  await new Promise((resolve) => setTimeout(resolve, 500));
  resetPeak(pid);
  const rssBefore = memory(pid).rss;
  const started = performance.now();
  const results = await Promise.all(bodies.map(send));
  const seconds = (performance.now() - started) / 1000;
  const rssPeak = memory(pid).hwm;
  return {
    uploads: appIds.length,
    bytesEach: video.length,
    succeeded: results.filter(Boolean).length,
    rssBefore,
    rssPeak,
    growth: rssPeak - rssBefore,
    seconds,
  };
}

export interface OversizedBody {
  bodyBytes: number;
  /** The configured per-file limit the parser enforces. */
  limit: number;
  status: number | undefined;
  /** Bytes the server process read (rchar) while the request was being refused. */
  serverRead: number;
  /** Bytes this client managed to hand to its socket before the server answered or closed. */
  clientWrote: number;
}

/**
 * One multipart request declaring a 50 MB video, streamed in 64 KiB chunks as fast as the
 * server takes them. The server's reads are counted from /proc/<pid>/io, so socket buffers
 * between the two processes do not count as read.
 */
export async function oversizedBody(baseUrl: string, pid: number, auth: Record<string, string>, appId: string, size = 50 * MiB): Promise<OversizedBody> {
  const boundary = `bench${Date.now()}`;
  const { head, tail } = videoUploadFraming(appId, boundary);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const bodyBytes = head.length + size + tail.length;
  const url = new URL(`${baseUrl}/graphql`);
  const readBefore = bytesRead(pid);
  let clientWrote = 0;
  const status = await new Promise<number | undefined>((resolve) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': bodyBytes, ...CSRF_HEADERS, ...auth },
    });
    let answered: number | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(answered);
    };
    req.on('response', (response) => {
      answered = response.statusCode;
      response.resume();
      response.on('end', finish);
      response.on('error', finish);
    });
    req.on('error', finish);
    req.on('close', finish);
    let sent = 0;
    const pump = () => {
      while (!done && sent < size) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        clientWrote += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!done) req.end(tail);
    };
    req.write(head);
    clientWrote += head.length;
    pump();
  });
  // Let the server finish whatever reads were already under way.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { bodyBytes, limit: FORM_DATA_LIMITS.fileSize, status, serverRead: bytesRead(pid) - readBefore, clientWrote };
}
