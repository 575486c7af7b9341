import { reissueCredentialsSchema, REISSUE_REASON_MAX_LENGTH, REISSUE_REASON_MIN_LENGTH, SUPPORT_TICKET_MAX_LENGTH } from '@ring/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { appIdFrom } from '../apps/apps.access.ts';
import { AppRef } from '../apps/apps.type.ts';
import { hasScope } from '../identity/roles.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { clientIdHint, reissueCredentials } from './credentials.service.ts';

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

const AppOwnerRef = builder.simpleObject('AppOwner', {
  description: 'The developer who owns an app, as support staff see them.',
  fields: (t) => ({
    name: t.string({ description: 'The owner’s display name.' }),
    email: t.string({ description: 'The owner’s sign-in email.' }),
  }),
});

builder.prismaObjectFields(AppRef, (t) => ({
  owner: t.field({
    type: AppOwnerRef,
    nullable: true,
    description: 'Who owns the app: visible to portal support staff and to the owner; null for anyone else.',
    select: { developerId: true, developer: { select: { name: true, email: true } } },
    resolve: ({ developerId, developer }, _args, context) =>
      context.viewer && (hasScope(context.viewer, 'support') || context.viewer.id === developerId) ? developer : null,
  }),
}));

const ReissueCredentialsInput = builder
  .inputType('ReissueCredentialsInput', {
    description: 'The app whose credentials to reissue, and why (recorded in the audit trail).',
    fields: (t) => ({
      appId: t.id({ description: 'The app’s global id.' }),
      reason: t.string({ description: `Why the credentials are reissued, ${REISSUE_REASON_MIN_LENGTH}-${REISSUE_REASON_MAX_LENGTH} characters.` }),
      ticket: t.string({ required: false, description: `The support ticket this answers, at most ${SUPPORT_TICKET_MAX_LENGTH} characters. Optional.` }),
    }),
  })
  // passthrough: the plugin hands the resolver the parsed value, which would otherwise lose appId.
  .validate(reissueCredentialsSchema.passthrough());

const ReissueCredentialsSuccess = builder.simpleObject('ReissueCredentialsSuccess', {
  description: 'New credentials, shown only this once. The previous client secret and HMAC key no longer work.',
  fields: (t) => ({
    appId: t.id({ description: 'The app’s global id.' }),
    appName: t.string({ description: 'The app’s internal name.' }),
    credentials: t.field({ type: IssuedCredentialsRef, description: 'The new credentials; the client ID stays the same.' }),
  }),
});

developerMutation('reissueCredentials', {
  type: ReissueCredentialsSuccess,
  input: ReissueCredentialsInput,
  scope: 'support',
  description: 'SUPPORT only: issues a new client secret and HMAC key for any developer’s app. The old ones stop working at once.',
  errors: [ForbiddenError, NotFoundError],
  resolve: async (input, context) => {
    const { app, credentials } = await reissueCredentials(context.viewer.id, appIdFrom(String(input.appId)), input);
    return { appId: encodeGlobalID('App', app.id), appName: app.name, credentials };
  },
});
