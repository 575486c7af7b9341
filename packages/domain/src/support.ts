import { z } from 'zod';
import { characterCount } from './text.ts';

export const REISSUE_REASON_MIN_LENGTH = 10;
export const REISSUE_REASON_MAX_LENGTH = 500;
export const SUPPORT_TICKET_MAX_LENGTH = 100;

/** Why support staff reissued an app's credentials: recorded in the audit trail with the reissue. */
export const reissueCredentialsSchema = z.object({
  reason: z
    .string()
    .trim()
    .refine((value) => characterCount(value) >= REISSUE_REASON_MIN_LENGTH, {
      message: `Reason must be at least ${REISSUE_REASON_MIN_LENGTH} characters: say why the credentials are reissued.`,
      params: { code: 'TOO_SHORT' },
    })
    .refine((value) => characterCount(value) <= REISSUE_REASON_MAX_LENGTH, {
      message: `Reason must be at most ${REISSUE_REASON_MAX_LENGTH} characters.`,
      params: { code: 'TOO_LONG' },
    }),
  ticket: z
    .string()
    .trim()
    .refine((value) => characterCount(value) <= SUPPORT_TICKET_MAX_LENGTH, {
      message: `Ticket must be at most ${SUPPORT_TICKET_MAX_LENGTH} characters.`,
      params: { code: 'TOO_LONG' },
    })
    .transform((value) => (value === '' ? null : value))
    .nullish(),
});
