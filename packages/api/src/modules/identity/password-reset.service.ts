import { waitInWords } from '@ring/domain';
/**
 * Password reset: a link by email where mail is configured (SMTP_URL), otherwise support
 * staff create the link for the person (createPasswordResetLink) and pass it on. The link
 * carries a random token; only its SHA-256 is stored; it expires and works once.
 */
import { prisma } from '@ring/db';
import { config } from '../../config.ts';
import { NotFoundError, RateLimitedError, ValidationError } from '../../errors.ts';
import { log } from '../../observability/logger.ts';
import { hashPassword } from './passwords.ts';
import { mailIsConfigured, sendMail } from './mail.ts';
import { clearAttempts, releaseAttempt, reserveAttempt, type RateLimitRule } from './rate-limit.ts';
import { hashToken, newToken } from './secrets.ts';
import { recordAudit } from '../audit/audit.service.ts';

export const PASSWORD_RESET_TOKEN_PREFIX = 'rpr_';

const rules = {
  address: { limit: config.passwordResetLimitPerAddress, windowMs: config.passwordResetWindowMs },
  email: { limit: config.passwordResetLimitPerEmail, windowMs: config.passwordResetWindowMs },
} satisfies Record<string, RateLimitRule>;

export type PasswordResetDelivery = 'EMAIL' | 'SUPPORT';

const MESSAGES: Record<PasswordResetDelivery, string> = {
  EMAIL: 'If an account exists for this email, a link to choose a new password is on its way. It works once, for one hour.',
  SUPPORT: 'This console does not send email. Contact portal support from the address you signed up with: they can send you a link to choose a new password.',
};

async function issueToken(developerId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken(PASSWORD_RESET_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + config.passwordResetTtlMs);
  await prisma.passwordReset.create({ data: { developerId, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}

export function resetUrl(origin: string, token: string): string {
  const url = new URL('/reset-password', origin);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * The same answer whether or not the account exists, and as fast: the mail goes out after
 * the answer, so its time tells nothing either.
 */
export async function requestPasswordReset(email: string, address: string): Promise<{ delivery: PasswordResetDelivery; message: string }> {
  const byAddress = await reserveAttempt(`password-reset:address:${address}`, rules.address);
  if (!byAddress.granted) throw limited(byAddress.retryAfterSeconds);
  const byEmail = await reserveAttempt(`password-reset:email:${email}`, rules.email);
  if (!byEmail.granted) {
    await releaseAttempt(`password-reset:address:${address}`, rules.address);
    throw limited(byEmail.retryAfterSeconds);
  }
  const delivery: PasswordResetDelivery = mailIsConfigured() ? 'EMAIL' : 'SUPPORT';
  if (delivery === 'EMAIL') void mailResetLink(email);
  return { delivery, message: MESSAGES[delivery] };
}

function limited(retryAfterSeconds: number): RateLimitedError {
  return new RateLimitedError(`Too many password-reset requests. Try again in ${waitInWords(retryAfterSeconds)}.`, retryAfterSeconds);
}

async function mailResetLink(email: string): Promise<void> {
  try {
    const developer = await prisma.developer.findUnique({ where: { email }, select: { id: true } });
    if (!developer) return;
    const { token } = await issueToken(developer.id);
    await sendMail({
      to: email,
      subject: 'Choose a new password for the Ring Appstore console',
      text: [
        'Someone (we hope you) asked to reset the password of your Ring Appstore developer account.',
        '',
        'Choose a new password here (the link works once, for one hour):',
        resetUrl(config.publicUrl!, token),
        '',
        'If it was not you, ignore this message: your password stays as it is.',
      ].join('\n'),
    });
  } catch (error) {
    // Never the link or the address: only that the mail did not go.
    log('error', 'password-reset mail could not be sent', { cause: error instanceof Error ? error.message : String(error) });
  }
}

/** SUPPORT's path: a link for the person, which staff pass on themselves. */
export async function createPasswordResetLink(actorId: string, email: string, requestOrigin: string) {
  const developer = await prisma.developer.findUnique({ where: { email }, select: { id: true } });
  if (!developer) throw new NotFoundError('No account with this email.');
  const { token, expiresAt } = await issueToken(developer.id);
  await recordAudit(prisma, { actorId, action: 'password-reset.link-created', detail: { developerId: developer.id } });
  return { url: resetUrl(config.publicUrl ?? requestOrigin, token), expiresAt };
}

const INVALID_LINK = 'This reset link is not valid. Ask for a new one.';

/** Sets the new password, uses up the link and ends every session of the account. */
export async function resetPassword(token: string, password: string): Promise<{ email: string }> {
  const reset = await prisma.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { developer: { select: { email: true } } } });
  if (!reset) throw ValidationError.field(['token'], INVALID_LINK, 'INVALID');
  if (reset.usedAt) throw ValidationError.field(['token'], 'This reset link has already been used. Ask for a new one.', 'USED');
  if (reset.expiresAt <= new Date()) throw ValidationError.field(['token'], 'This reset link has expired. Ask for a new one.', 'EXPIRED');
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    // Claimed under the row's lock: of two requests with one link, only one gets here.
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) throw ValidationError.field(['token'], 'This reset link has already been used. Ask for a new one.', 'USED');
    await tx.developer.update({ where: { id: reset.developerId }, data: { passwordHash } });
    await tx.session.updateMany({ where: { developerId: reset.developerId, revokedAt: null }, data: { revokedAt: new Date() } });
    // Links issued before this one stop working too.
    await tx.passwordReset.updateMany({ where: { developerId: reset.developerId, usedAt: null }, data: { usedAt: new Date() } });
  });
  // The owner proved control of the account: earlier failures no longer slow them down.
  await clearAttempts(`sign-in:email:${reset.developer.email}`);
  return { email: reset.developer.email };
}
