/** Starts the floor and anchor servers of floor-server.mjs as child processes (`env`: DATABASE_URL for the anchors). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface FloorServer {
  baseUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startFloor(kind: 'bare' | 'yoga' | 'postgraphile' | 'sql', env: Record<string, string> = {}): Promise<FloorServer> {
  const script = fileURLToPath(new URL('./floor-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, kind], { env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`floor server ${kind} exited (${code}) before listening`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    process: child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
