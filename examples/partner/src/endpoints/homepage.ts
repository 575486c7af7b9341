/** App Homepage URL: where Ring sends the user once the integration is completed. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, sendPage } from '../http.ts';
import type { TokenPool } from '../token-pool.ts';

export function homepageHandler(pool: TokenPool, demoEmail: string) {
  return (_request: IncomingMessage, response: ServerResponse) => {
    const linked = pool.claimedBy(demoEmail).map((token) => `<li><code>${escapeHtml(token.accountId)}</code></li>`);
    const list = linked.length
      ? `<p>Ring accounts linked to ${escapeHtml(demoEmail)}:</p><ul>${linked.join('')}</ul>`
      : '<p>No Ring account is linked yet.</p>';
    sendPage(response, 200, 'Example Partner', `<p>Your Ring account and Example Partner are connected once it is listed here.</p>${list}`);
  };
}
