import { createInterface } from 'node:readline/promises';
import { ViewerDocument } from '@ring/client';
import { connect } from '../api.ts';
import { forgetLogin, resolveApiUrl, storeLogin } from '../credentials.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import type { Output } from '../output.ts';

/** The token: RING_TOKEN, else the first line of stdin (piped, or typed at the prompt). */
async function readToken(): Promise<string> {
  if (process.env.RING_TOKEN) return process.env.RING_TOKEN;
  const lines = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stderr : undefined, terminal: false });
  try {
    if (process.stdin.isTTY) process.stderr.write('API token (create one under Settings → API tokens): ');
    for await (const line of lines) return line.trim();
    return '';
  } finally {
    lines.close();
  }
}

export async function login(output: Output, options: { url?: string }): Promise<void> {
  const url = await resolveApiUrl(options.url);
  const token = await readToken();
  if (!token) throw new CliError(EXIT.USAGE, 'No token given: pipe one in, type it at the prompt, or set RING_TOKEN.');
  // Checked before it is kept: a mistyped token fails here, not at the next command.
  const { viewer } = await connect(url, token).request(ViewerDocument, {});
  if (!viewer) throw new CliError(EXIT.UNAUTHENTICATED, 'The API did not accept the token.');
  const file = await storeLogin({ url, token });
  output.result(`Signed in to ${url} as ${viewer.name} <${viewer.email}>. The token is kept in ${file} (readable only by you).`, {
    url,
    email: viewer.email,
    name: viewer.name,
    file,
  });
}

export async function logout(output: Output): Promise<void> {
  const removed = await forgetLogin();
  output.result(removed ? 'Signed out: the stored token is deleted (it still works until you revoke it in the console).' : 'No stored token.', {
    removed,
  });
}
