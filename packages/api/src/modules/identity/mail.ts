/**
 * Mail for password-reset links, through the SMTP server of SMTP_URL (nodemailer). Without
 * SMTP_URL no mail is sent and the console sends people to support instead.
 */
import { createTransport, type Transporter } from 'nodemailer';
import { config } from '../../config.ts';

let transport: Transporter | undefined;

export function mailIsConfigured(): boolean {
  return config.mail !== null;
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  if (!config.mail) throw new Error('SMTP_URL is not set.');
  transport ??= createTransport(config.mail.smtpUrl);
  await transport.sendMail({ from: config.mail.from, ...message });
}
