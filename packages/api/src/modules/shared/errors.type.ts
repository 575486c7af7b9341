import { builder } from '../../builder.ts';
import { AppPublishedError, ConflictError, ForbiddenError, InvalidCredentialsError, NotFoundError, RateLimitedError, ValidationError } from '../../errors.ts';
import { jsonPointer, type FieldIssue } from '@ring/domain';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Every expected failure has a message a person can read.',
  fields: (t) => ({ message: t.exposeString('message', { description: 'What went wrong, in a sentence.' }) }),
});

const FieldErrorRef = builder.objectRef<FieldIssue>('FieldError').implement({
  description: 'One input field that is wrong.',
  fields: (t) => ({
    path: t.exposeStringList('path', {
      description: 'The input field, e.g. ["publicName"] or ["additionalImages", "2"]; for applyAppDefinition, the field of the definition.',
    }),
    pointer: t.string({
      description: 'The path as a JSON pointer (RFC 6901), e.g. /additionalImages/2, or /appInfo/general/publicName in an app definition.',
      resolve: (issue) => jsonPointer(issue.path),
    }),
    message: t.exposeString('message', { description: 'What is wrong and what is allowed.' }),
    code: t.exposeString('code', { description: 'A stable code for the rule that failed, e.g. TOO_LONG.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input broke one or more rules. Every wrong field is listed; nothing was saved.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ fields: t.field({ type: [FieldErrorRef], description: 'Every wrong field, not just the first.', resolve: (error) => error.fields }) }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'No such object among yours (the same answer whether it does not exist or belongs to someone else).',
  interfaces: [ErrorInterface],
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The change clashes with another: a stale expectedVersion, or a value that must be unique and is taken.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    path: t.exposeStringList('path', {
      nullable: true,
      description: 'The input field whose value is taken, e.g. ["publicName"]; null when the whole save clashes (a stale expectedVersion).',
    }),
  }),
});

builder.objectType(AppPublishedError, {
  name: 'AppPublishedError',
  description: 'The app is published, so it can no longer be renamed or deleted.',
  interfaces: [ErrorInterface],
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'Your role does not allow this.',
  interfaces: [ErrorInterface],
});

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'Too many attempts; wait before trying again.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds', { description: 'Seconds until the next attempt is allowed.' }) }),
});

builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: 'The email or password is not right (the same answer for an unknown email).',
  interfaces: [ErrorInterface],
});
