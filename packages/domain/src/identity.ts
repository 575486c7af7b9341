import { z } from 'zod';
import { characterCount } from './text.ts';
import { withinTextLimit } from './validation.ts';

export const PASSWORD_MIN_LENGTH = 10;
// scrypt is fed the whole password; a bound keeps one request from costing a second of CPU.
export const PASSWORD_MAX_LENGTH = 200;
export const DEVELOPER_NAME_MAX_LENGTH = 100;
export const API_TOKEN_NAME_MAX_LENGTH = 100;

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'Email must be at most 254 characters.')
  .email('Enter an email address like name@example.com.')
  .transform((email) => email.toLowerCase());

/**
 * The one password rule. Characters are counted as people see them (graphemes) after NFC, as
 * the hash is computed (api: passwords.ts): a password the rule accepts at sign-up is one that
 * sign-in, a reset and the console accept too.
 */
export const passwordLength = (password: string): number => characterCount(password.normalize('NFC'));

const PASSWORD_TOO_LONG = `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`;

export const passwordSchema = z
  .string()
  .refine((value) => passwordLength(value) >= PASSWORD_MIN_LENGTH, {
    message: `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`,
    params: { code: 'TOO_SHORT' },
  })
  .superRefine(withinTextLimit('Password', PASSWORD_MAX_LENGTH, () => PASSWORD_TOO_LONG));

/** At sign-in only the upper bound applies: older passwords may be shorter than today's minimum. */
export const signInPasswordSchema = z
  .string()
  .min(1, 'Enter your password.')
  .superRefine(withinTextLimit('Password', PASSWORD_MAX_LENGTH, () => PASSWORD_TOO_LONG));

export const developerNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter your name.')
  .superRefine(withinTextLimit('Name', DEVELOPER_NAME_MAX_LENGTH, () => `Name must be at most ${DEVELOPER_NAME_MAX_LENGTH} characters.`));

export const signUpSchema = z.object({ email: emailSchema, password: passwordSchema, name: developerNameSchema });

export const signInSchema = z.object({
  email: emailSchema,
  password: signInPasswordSchema,
});

/** A reset link's token as the console passes it on; checked against the database after. */
export const PASSWORD_RESET_TOKEN_MAX_LENGTH = 200;

export const requestPasswordResetSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({
  token: z
    .string()
    .trim()
    .min(1, 'The reset link has no token. Open the link from the email again.')
    .max(PASSWORD_RESET_TOKEN_MAX_LENGTH, 'This reset link is not valid.'),
  password: passwordSchema,
});

/** The reset page's own form: the password alone (the token comes from the link). */
export const newPasswordSchema = z.object({ password: passwordSchema });

export const createPasswordResetLinkSchema = z.object({ email: emailSchema });

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the token a name, such as the tool that will use it.')
  .superRefine(withinTextLimit('Token name', API_TOKEN_NAME_MAX_LENGTH, () => `Token name must be at most ${API_TOKEN_NAME_MAX_LENGTH} characters.`));

export const createApiTokenSchema = z.object({ name: apiTokenNameSchema });
