/**
 * A loopback TCP relay in front of PostgreSQL that counts the statements clients send:
 * every simple-protocol Query ('Q') and extended-protocol Execute ('E') message. Used only
 * for the statements-per-request pass, never under load (the relay itself costs CPU).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface SqlCounter {
  port: number;
  /** `databaseUrl` through this relay: its port, over TCP (without the Unix socket `?host=` the embedded server's URLs carry). */
  relayed(databaseUrl: string): string;
  /** Statements seen since start (or the last reset). */
  count(): number;
  /** SQL texts seen since the last reset (Query and Parse messages; unnamed statements are parsed each time). */
  texts(): string[];
  reset(): void;
  close(): Promise<void>;
}

/** Reads frontend messages off one connection: an untyped startup packet, then type + length frames. */
function frameCounter(onStatement: () => void, onText: (sql: string) => void) {
  let buffer: Buffer = Buffer.alloc(0);
  let started = false;
  return (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        buffer = buffer.subarray(length);
        // SSLRequest / GSSENCRequest are answered with one byte, then another startup packet follows.
        if (code !== 80877103 && code !== 80877104) started = true;
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      const type = String.fromCharCode(buffer[0]!);
      if (type === 'Q' || type === 'E') onStatement();
      // Query: the SQL as a C string. Parse: a statement name, then the SQL.
      if (type === 'Q') onText(buffer.toString('utf8', 5, buffer.indexOf(0, 5)));
      if (type === 'P') {
        const start = buffer.indexOf(0, 5) + 1;
        onText(buffer.toString('utf8', start, buffer.indexOf(0, start)));
      }
      buffer = buffer.subarray(1 + length);
    }
  };
}

export async function startSqlCounter(targetPort: number): Promise<SqlCounter> {
  let statements = 0;
  let texts: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const count = frameCounter(
      () => statements++,
      (sql) => texts.push(sql),
    );
    client.on('data', (chunk: Buffer) => {
      count(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('relay has no port');
  return {
    port: address.port,
    relayed: (databaseUrl) => {
      const url = new URL(databaseUrl);
      url.searchParams.delete('host');
      url.hostname = '127.0.0.1';
      url.port = String(address.port);
      return url.toString();
    },
    count: () => statements,
    texts: () => texts,
    reset: () => {
      statements = 0;
      texts = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
