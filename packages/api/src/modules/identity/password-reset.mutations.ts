import { createPasswordResetLinkSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, requestPasswordResetSchema, resetPasswordSchema } from '@ring/domain';
import { builder } from '../../builder.ts';
import { config } from '../../config.ts';
import { ForbiddenError, NotFoundError, RateLimitedError } from '../../errors.ts';
import * as passwordReset from './password-reset.service.ts';
import { developerMutation } from '../shared/developer-mutation.ts';

const PasswordResetDeliveryEnum = builder.enumType('PasswordResetDelivery', {
  description: 'How a password-reset link reaches the person.',
  values: {
    EMAIL: { description: 'By email to the account’s address (mail is configured on this console).' },
    SUPPORT: { description: 'This console sends no email: portal support creates the link and passes it on.' },
  } as const,
});

const RequestPasswordResetInput = builder
  .inputType('RequestPasswordResetInput', {
    description: 'The account whose password was forgotten.',
    fields: (t) => ({ email: t.string({ description: 'The account’s sign-in email.' }) }),
  })
  .validate(requestPasswordResetSchema);

const RequestPasswordResetSuccess = builder.simpleObject('RequestPasswordResetSuccess', {
  description: 'The request was taken. The same answer whether or not an account has this email.',
  fields: (t) => ({
    delivery: t.field({ type: PasswordResetDeliveryEnum, description: 'EMAIL: a link is mailed if the account exists; SUPPORT: contact support.' }),
    message: t.string({ description: 'What to do next, to show as is.' }),
  }),
});

builder.mutationField('requestPasswordReset', (t) =>
  t.field({
    type: RequestPasswordResetSuccess,
    description: `Starts a password reset: a link by email where mail is configured, otherwise directions to support. Limited per email (${config.passwordResetLimitPerEmail}) and per client address (${config.passwordResetLimitPerAddress}) per window.`,
    errors: { types: [RateLimitedError] },
    args: { input: t.arg({ type: RequestPasswordResetInput, required: true, description: 'The mutation’s input.' }) },
    resolve: (_root, { input }, context) => passwordReset.requestPasswordReset(input.email, context.clientAddress ?? 'unknown'),
  }),
);

const ResetPasswordInput = builder
  .inputType('ResetPasswordInput', {
    description: 'The token from a reset link, and the new password.',
    fields: (t) => ({
      token: t.string({ description: 'The `token` parameter of the reset link.' }),
      password: t.string({ description: `The new password: ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.` }),
    }),
  })
  .validate(resetPasswordSchema);

const ResetPasswordSuccess = builder.simpleObject('ResetPasswordSuccess', {
  description: 'The password is changed; the link is used up and every session of the account has ended.',
  fields: (t) => ({ email: t.string({ description: 'The account’s sign-in email, to sign in with the new password.' }) }),
});

builder.mutationField('resetPassword', (t) =>
  t.field({
    type: ResetPasswordSuccess,
    description: 'Sets a new password with a reset link’s token. A token that is unknown, expired or used is a ValidationError on ["token"].',
    errors: {},
    args: { input: t.arg({ type: ResetPasswordInput, required: true, description: 'The mutation’s input.' }) },
    resolve: (_root, { input }) => passwordReset.resetPassword(input.token, input.password),
  }),
);

const CreatePasswordResetLinkInput = builder
  .inputType('CreatePasswordResetLinkInput', {
    description: 'The account to create a reset link for.',
    fields: (t) => ({ email: t.string({ description: 'The account’s sign-in email.' }) }),
  })
  .validate(createPasswordResetLinkSchema);

const CreatePasswordResetLinkSuccess = builder.simpleObject('CreatePasswordResetLinkSuccess', {
  description: 'A reset link to pass on to the account’s owner. Shown only now.',
  fields: (t) => ({
    url: t.string({ description: 'The link; it works once.' }),
    expiresAt: t.field({ type: 'DateTime', description: 'When the link stops working.' }),
  }),
});

developerMutation('createPasswordResetLink', {
  type: CreatePasswordResetLinkSuccess,
  input: CreatePasswordResetLinkInput,
  scope: 'support',
  description: 'SUPPORT only: creates a password-reset link for any account, to pass on to its owner (the support-assisted reset). Audited.',
  errors: [ForbiddenError, NotFoundError],
  resolve: (input, context) => passwordReset.createPasswordResetLink(context.viewer.id, input.email, new URL(context.request.url).origin),
});
