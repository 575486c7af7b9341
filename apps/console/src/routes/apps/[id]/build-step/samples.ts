/**
 * The Build page's code samples: the smallest correct partner code for Ring's documented
 * formats (RING.md), in Node and Python. test/api/build-samples.test.ts runs them against
 * @ring/webhooks, so a sample that drifts from what we send fails there.
 */
export interface CodeSample {
  id: string;
  title: string;
  node: string;
  python: string;
}

export function codeSamples(sandboxBaseUrl: string): CodeSample[] {
  return [
    {
      id: 'signature',
      title: 'Verify a webhook’s signature',
      node: `import { createHmac, timingSafeEqual } from 'node:crypto';

// X-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the HMAC Signature Key as UTF-8>
export function verifyRingSignature(rawBody, header, hmacKey) {
  const expected = createHmac('sha256', Buffer.from(hmacKey, 'utf8')).update(rawBody).digest();
  const given = Buffer.from(String(header ?? '').replace(/^sha256=/, ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}`,
      python: `import hashlib
import hmac

# X-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the HMAC Signature Key as UTF-8>
def verify_ring_signature(raw_body: bytes, header: str, hmac_key: str) -> bool:
    expected = hmac.new(hmac_key.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()
    given = (header or "").removeprefix("sha256=")
    return hmac.compare_digest(given, expected)`,
    },
    {
      id: 'nonce',
      title: 'Match the nonce on your Authorization URL',
      node: `import { createHmac, timingSafeEqual } from 'node:crypto';

// Ring adds ?time=<epoch ms>&nonce=<base64url, no padding, of HMAC-SHA256 over "<time>:<account_id>">
export function nonceMatches(nonce, time, accountId, hmacKey) {
  const expected = createHmac('sha256', Buffer.from(hmacKey, 'utf8')).update(\`\${time}:\${accountId}\`).digest('base64url');
  const given = Buffer.from(String(nonce ?? ''));
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}`,
      python: `import base64
import hashlib
import hmac

# Ring adds ?time=<epoch ms>&nonce=<base64url, no padding, of HMAC-SHA256 over "<time>:<account_id>">
def nonce_matches(nonce: str, time: str, account_id: str, hmac_key: str) -> bool:
    digest = hmac.new(hmac_key.encode("utf-8"), f"{time}:{account_id}".encode("utf-8"), hashlib.sha256).digest()
    expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return hmac.compare_digest(nonce or "", expected)`,
    },
    {
      id: 'exchange',
      title: 'Exchange the code (within one minute)',
      node: `// Your Token Exchange URL receives the code; exchange it at once: it is valid for 60 seconds.
// Sandbox: ${sandboxBaseUrl}/oauth/token · Ring: https://oauth.ring.com/oauth/token
export async function exchangeCode(code) {
  const response = await fetch('${sandboxBaseUrl}/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: process.env.RING_CLIENT_ID,
      client_secret: process.env.RING_CLIENT_SECRET,
    }),
  });
  // An unknown or expired code: answer Ring with 4xx too.
  if (!response.ok) throw new Error(\`Ring refused the code (HTTP \${response.status})\`);
  return response.json(); // { access_token, refresh_token, scope, expires_in: 14400, token_type: 'Bearer' }
}`,
      python: `import json
import os
import urllib.parse
import urllib.request

# Your Token Exchange URL receives the code; exchange it at once: it is valid for 60 seconds.
# Sandbox: ${sandboxBaseUrl}/oauth/token · Ring: https://oauth.ring.com/oauth/token
def exchange_code(code: str) -> dict:
    body = urllib.parse.urlencode({
        "grant_type": "authorization_code",
        "code": code,
        "client_id": os.environ["RING_CLIENT_ID"],
        "client_secret": os.environ["RING_CLIENT_SECRET"],
    }).encode("ascii")
    request = urllib.request.Request("${sandboxBaseUrl}/oauth/token", data=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    # Raises on 4xx (an unknown or expired code): answer Ring with 4xx too.
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)  # access_token, refresh_token, scope, expires_in 14400, token_type Bearer`,
    },
  ];
}
