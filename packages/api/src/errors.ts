/**
 * Expected failures. Resolvers throw these; the errors plugin turns each into a member of
 * the mutation's result union. Anything else is unexpected and stays masked.
 */
import { GraphQLError } from 'graphql';
import type { FieldErrorCode, FieldIssue } from '@ring/domain';

export class ValidationError extends Error {
  readonly fields: FieldIssue[];
  constructor(fields: FieldIssue[], message = 'Some fields are not valid.') {
    super(message);
    this.name = 'ValidationError';
    this.fields = fields;
  }

  static field(path: string[], message: string, code: FieldErrorCode): ValidationError {
    return new ValidationError([{ path, message, code }]);
  }
}

export class NotFoundError extends Error {
  constructor(message = 'Not found.') {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  /** The input field holding the taken value (a public name), so a form can show it there; null for a stale version. */
  readonly path: string[] | null;
  constructor(message: string, path: string[] | null = null) {
    super(message);
    this.name = 'ConflictError';
    this.path = path;
  }
}

export class AppPublishedError extends Error {
  constructor(message = 'This app has been published; it can no longer be renamed or deleted.') {
    super(message);
    this.name = 'AppPublishedError';
  }
}

/**
 * A developer whose role lacks the scope. A GraphQLError (code FORBIDDEN) so that where the
 * operation has no result union it reaches the client as is, never masked; where it has one it
 * is the ForbiddenError member.
 */
export class ForbiddenError extends GraphQLError {
  constructor(message = 'You do not have permission to do this.') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
    this.name = 'ForbiddenError';
  }
}

export class RateLimitedError extends Error {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'RateLimitedError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class InvalidCredentialsError extends Error {
  constructor() {
    super('The email or password is not right.');
    this.name = 'InvalidCredentialsError';
  }
}

/** A GraphQL error (not a union member): the request has no valid developer behind it. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 200 } } });
}

/** NotFoundError where the operation has no result union to carry it (a subscription): a GraphQL error, code NOT_FOUND. */
export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}
