/**
 * Password reset by email, through a real SMTP server on the loopback address (smtp-server):
 * the link is read from the message received and the reset completed with it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';

interface Received {
  to: string[];
  raw: string;
}
const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (raw += chunk));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((address) => address.address), raw });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const { port } = smtp.server.address() as { port: number };
// Before the API's configuration is first read (the imports below).
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
process.env.MAIL_FROM = 'Ring Appstore <no-reply@console.example>';
process.env.PUBLIC_URL = 'https://console.example';

const { RequestPasswordResetDocument, ResetPasswordDocument, SignInDocument } = await import('@ring/client');
const { execute, newDeveloper, uniqueEmail } = await import('../support/api.ts');

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function messageTo(email: string, timeoutMs = 10_000): Promise<Received> {
  const started = Date.now();
  for (;;) {
    const message = received.find((entry) => entry.to.includes(email));
    if (message) return message;
    if (Date.now() - started > timeoutMs) throw new Error(`no message to ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The text part as sent: quoted-printable soft line breaks and escapes undone. */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe('password reset by email', () => {
  it('answers EMAIL the same for an unknown address (no mail), mails a known one a link on PUBLIC_URL that resets the password once', async () => {
    const unknownEmail = uniqueEmail('nobody');
    const unknown = await execute(RequestPasswordResetDocument, { input: { email: unknownEmail } }, { clientAddress: '10.60.0.1' });
    const developer = await newDeveloper();
    const known = await execute(RequestPasswordResetDocument, { input: { email: developer.email } }, { clientAddress: '10.60.0.1' });
    expect(known.data?.requestPasswordReset).toEqual({
      __typename: 'RequestPasswordResetSuccess',
      delivery: 'EMAIL',
      message: expect.stringMatching(/on its way/),
    });
    expect(unknown.data).toEqual(known.data);

    const message = await messageTo(developer.email);
    const text = decoded(message.raw);
    expect(text).toMatch(/From: Ring Appstore <no-reply@console\.example>/);
    const link = /https:\/\/console\.example\/reset-password\?token=(rpr_[A-Za-z0-9_-]{43})/.exec(text);
    expect(link).not.toBeNull();
    expect(received.some((entry) => entry.to.includes(unknownEmail))).toBe(false);

    const reset = await execute(ResetPasswordDocument, { input: { token: link![1]!, password: 'chosen by mail 123' } });
    expect(reset.data?.resetPassword).toEqual({ __typename: 'ResetPasswordSuccess', email: developer.email });
    const signIn = await execute(SignInDocument, { input: { email: developer.email, password: 'chosen by mail 123' } }, { clientAddress: '10.60.0.2' });
    expect(signIn.data?.signIn.__typename).toBe('SignInSuccess');
    const reused = await execute(ResetPasswordDocument, { input: { token: link![1]!, password: 'another one 12345' } });
    expect(reused.data?.resetPassword).toMatchObject({ __typename: 'ValidationError', fields: [{ path: ['token'] }] });
  });
});
