/**
 * The shape of every mutation a signed-in developer (or a staff scope) calls: one required
 * `input`, a result union of the success and the expected errors (ValidationError always), and
 * a resolver that sees the viewer narrowed to non-null. Refusals follow the builder's one rule
 * (`refusal`): UNAUTHENTICATED without a valid developer; for a staff mutation, ForbiddenError,
 * which the errors plugin (it wraps the whole field, scope checks included, because of
 * unsafelyHandleInputErrors) turns into the union's member when the union lists it.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { InputObjectRef, MaybePromise, ObjectRef } from '@pothos/core';
import { builder, type DeveloperContext } from '../../builder.ts';
import type { StaffScope } from '../identity/roles.ts';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export interface DeveloperMutationOptions<Input, Success> {
  type: ObjectRef<Types, Success>;
  input: InputObjectRef<Types, Input>;
  description: string;
  /** The expected errors besides ValidationError, e.g. [NotFoundError, ConflictError]. */
  errors?: (new (
    ...args: never[]
  ) => Error)[];
  /** A staff scope the caller needs besides being a developer, e.g. 'support'. */
  scope?: StaffScope;
  resolve: (input: Input, context: DeveloperContext, info: GraphQLResolveInfo) => MaybePromise<Success>;
}

export function developerMutation<Input, Success>(name: string, options: DeveloperMutationOptions<Input, Success>) {
  const errors = options.errors ?? [];
  // A staff scope implies a developer: its context is narrowed the same way.
  const scopes = (options.scope ? { [options.scope]: true } : { developer: true }) as { developer: true };
  builder.mutationField(name, (t) =>
    t.withAuth(scopes).field({
      type: options.type as ObjectRef<Types, unknown>,
      description: options.description,
      errors: { types: errors as (new (...args: unknown[]) => Error)[] },
      args: { input: t.arg({ type: options.input as InputObjectRef<Types, unknown>, required: true, description: 'The mutation’s input.' }) },
      resolve: (_root, args, context, info) => options.resolve(args.input as Input, context as DeveloperContext, info) as never,
    }),
  );
}
