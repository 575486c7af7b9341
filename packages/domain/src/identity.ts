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

export const passwordSchema = z
  .string()
  .refine((value) => characterCount(value) >= PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`)
  .superRefine(withinTextLimit('Password', PASSWORD_MAX_LENGTH, () => `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`));

export const developerNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter your name.')
  .superRefine(withinTextLimit('Name', DEVELOPER_NAME_MAX_LENGTH, () => `Name must be at most ${DEVELOPER_NAME_MAX_LENGTH} characters.`));

export const signUpSchema = z.object({ email: emailSchema, password: passwordSchema, name: developerNameSchema });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH, `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`),
});

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the token a name, such as the tool that will use it.')
  .superRefine(withinTextLimit('Token name', API_TOKEN_NAME_MAX_LENGTH, () => `Token name must be at most ${API_TOKEN_NAME_MAX_LENGTH} characters.`));

export const createApiTokenSchema = z.object({ name: apiTokenNameSchema });
