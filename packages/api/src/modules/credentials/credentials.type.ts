import { prisma } from '@ring/db';
import { GraphQLError } from 'graphql';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { APP_NOT_FOUND, appIdFrom } from '../apps/apps.access.ts';
import { AppRef } from '../apps/apps.type.ts';
import { clientIdHint, rotateCredentials } from './credentials.service.ts';

export const IssuedCredentialsRef = builder.simpleObject('IssuedCredentials', {
  description: 'An app’s credentials in plain text. Returned only by the mutation that issues them; never retrievable again.',
  fields: (t) => ({
    clientId: t.string({ description: 'Identifies the app in OAuth 2.0 authorization and token requests (prefix ring_cid_).' }),
    clientSecret: t.string({ description: 'Authenticates token requests with the client ID; keep it on your backend only (prefix ring_csec_).' }),
    hmacSignatureKey: t.string({ description: 'Validates account-linking nonces and webhook signatures from Ring (prefix ring_hmac_).' }),
    csv: t.string({ description: 'The same values as CSV (RFC 4180): a header row and one record.' }),
  }),
});

const AppCredentialsRef = builder.simpleObject('AppCredentials', {
  description: 'What remains visible of an app’s credentials after they were issued.',
  fields: (t) => ({
    clientIdHint: t.string({ description: 'The last 4 characters of the client ID.' }),
    issuedAt: t.field({ type: 'DateTime', description: 'When the current credentials were issued.' }),
  }),
});

builder.prismaObjectFields(AppRef, (t) => ({
  credentials: t.field({
    type: AppCredentialsRef,
    nullable: true,
    description: 'A hint of the current credentials (never the secrets), or null when the app has none.',
    select: { credential: { select: { clientId: true, issuedAt: true } } },
    resolve: ({ credential }) => (credential ? { clientIdHint: clientIdHint(credential.clientId), issuedAt: credential.issuedAt } : null),
  }),
}));

function requireSupport(context: Context) {
  if (context.viewer?.role !== 'SUPPORT') throw new ForbiddenError('Only portal support staff may do this.');
}

/**
 * Prisma passes `contains` into ILIKE as is, where % and _ are wildcards (and \\ escapes):
 * a search for "100%" must find "100%", not every name with "100" in it.
 */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

builder.queryField('supportAppSearch', (t) =>
  t.prismaField({
    type: [AppRef],
    authScopes: { developer: true },
    description: 'SUPPORT only: apps of any developer whose name contains the query, or whose client ID is the query. At most 20.',
    args: { query: t.arg.string({ required: true, description: 'Part of an app name, or a whole client ID.' }) },
    resolve: (query, _root, args, context) => {
      if (context.viewer?.role !== 'SUPPORT') throw new GraphQLError('Only portal support staff may search all apps.', { extensions: { code: 'FORBIDDEN' } });
      const text = args.query.trim();
      if (text === '') return [];
      // Every field is loaded here (`...query`): App's own lookups are limited to the viewer's apps.
      return prisma.app.findMany({
        ...query,
        where: { OR: [{ name: { contains: likeLiteral(text), mode: 'insensitive' } }, { credential: { clientId: text } }] },
        orderBy: { createdAt: 'desc' },
        take: 20,
      });
    },
  }),
);

const ReissueCredentialsInput = builder.inputType('ReissueCredentialsInput', {
  description: 'The app whose credentials to reissue.',
  fields: (t) => ({ appId: t.id({ description: 'The app’s global id.' }) }),
});

const ReissueCredentialsSuccess = builder.simpleObject('ReissueCredentialsSuccess', {
  description: 'New credentials, shown only this once. The previous client secret and HMAC key no longer work.',
  fields: (t) => ({
    appId: t.id({ description: 'The app’s global id.' }),
    appName: t.string({ description: 'The app’s internal name.' }),
    credentials: t.field({ type: IssuedCredentialsRef, description: 'The new credentials; the client ID stays the same.' }),
  }),
});

builder.mutationField('reissueCredentials', (t) =>
  t.field({
    type: ReissueCredentialsSuccess,
    authScopes: { developer: true },
    description: 'SUPPORT only: issues a new client secret and HMAC key for any developer’s app. The old ones stop working at once.',
    errors: { types: [ForbiddenError, NotFoundError] },
    args: { input: t.arg({ type: ReissueCredentialsInput, required: true, description: 'The mutation’s input.' }) },
    resolve: async (_root, { input }, context) => {
      requireSupport(context);
      const appId = appIdFrom(String(input.appId));
      return prisma.$transaction(async (tx) => {
        const app = await tx.app.findUnique({ where: { id: appId }, select: { id: true, name: true, developerId: true } });
        if (!app) throw new NotFoundError(APP_NOT_FOUND);
        const credentials = await rotateCredentials(tx, app.id, app.name);
        await tx.auditEvent.create({
          data: { actorId: context.viewer!.id, appId: app.id, action: 'credentials.reissued', detail: { ownerId: app.developerId, clientId: credentials.clientId } },
        });
        return { appId: encodeGlobalID('App', app.id), appName: app.name, credentials };
      });
    },
  }),
);
