/** Yoga plugins for request ids and for logging the causes of masked errors. */
import { GraphQLError } from 'graphql';
import { useErrorHandler, type Plugin } from 'graphql-yoga';
import { describeError, log } from './logger.ts';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.ts';

const ids = new WeakMap<Request, string>();

export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    id = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
    ids.set(request, id);
  }
  return id;
}

/** Every response carries the request's id (server.ts already set it for HTTP requests; same value). */
export function useRequestId(): Plugin {
  return {
    onResponse({ request, response }) {
      response.headers.set(REQUEST_ID_HEADER, requestIdOf(request));
    },
  };
}

/**
 * The client sees "Unexpected error." (yoga's masking); the server log gets what happened.
 * Expected failures (GraphQL errors we raise on purpose, result-union members) are not logged.
 */
export function useUnexpectedErrorLog(): Plugin {
  return useErrorHandler(({ errors, context, phase }) => {
    const request = (context as { request?: Request } | undefined)?.request;
    for (const error of errors) {
      const cause = error instanceof GraphQLError ? error.originalError : error;
      if (!cause || cause instanceof GraphQLError) continue;
      log('error', 'unexpected error', {
        requestId: request ? requestIdOf(request) : undefined,
        phase,
        path: error instanceof GraphQLError && error.path ? error.path.join('.') : undefined,
        cause: describeError(cause),
      });
    }
  }) as Plugin;
}
