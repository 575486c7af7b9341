/**
 * The app's HMAC Signature Key, decrypted for signing. Stand-in for the apps branch's
 * `hmacKeyForApp(appId)` (modules/credentials/credentials.service.ts): on merge, replace this
 * file's body with a re-export of that function. Never log or return the key.
 */
import { prisma } from '@ring/db';
import { decryptSecret } from '../../crypto/secret-box.ts';

export async function readHmacKeyForApp(appId: string): Promise<string | null> {
  const credential = await prisma.credential.findUnique({ where: { appId }, select: { hmacKeyEncrypted: true } });
  return credential ? decryptSecret(credential.hmacKeyEncrypted, appId) : null;
}
