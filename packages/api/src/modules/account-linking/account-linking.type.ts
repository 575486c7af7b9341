import { builder } from '../../builder.ts';
import { AppRef } from '../apps/apps.type.ts';
import { SectionStatusEnum } from '../lifecycle/lifecycle.type.ts';
import { ACCOUNT_LINKING_FACTS_SELECT, accountLinkingFromRows, type AccountLinkingView, type LinkingSettings } from './account-linking.service.ts';

export const EnvironmentEnum = builder.enumType('Environment', {
  description: 'Where Ring calls your endpoints: the staging environment you test with, or production.',
  values: {
    STAGING: { value: 'STAGING', description: 'The staging environment, for development and testing.' },
    PRODUCTION: { value: 'PRODUCTION', description: 'The production environment your published app uses.' },
  } as const,
});

export const AccountLinkingSettingsRef = builder.objectRef<LinkingSettings>('AccountLinkingSettings').implement({
  description: 'The four URLs of one environment, saved together.',
  fields: (t) => ({
    environment: t.field({ type: EnvironmentEnum, description: 'Which environment these settings are for.', resolve: (s) => s.environment }),
    version: t.exposeInt('version', {
      description: 'Increases with every save; 0 when nothing has been saved. Pass it as expectedVersion to save only over what you loaded.',
    }),
    savedAt: t.expose('savedAt', { type: 'DateTime', nullable: true, description: 'When these settings were last saved, or null.' }),
    authorizationUrl: t.string({
      nullable: true,
      description: 'Where Ring sends users, in a browser, to sign in to your platform, authorize the integration and start account linking.',
      resolve: (s) => s.authorizationUrl ?? null,
    }),
    appHomepageUrl: t.string({
      nullable: true,
      description: 'Where Ring sends users once the integration is complete: your landing page, for mobile and web.',
      resolve: (s) => s.appHomepageUrl ?? null,
    }),
    tokenExchangeUrl: t.string({
      nullable: true,
      description: 'Your backend endpoint Ring POSTs the OAuth authorization code to (server to server) to exchange it for an access token.',
      resolve: (s) => s.tokenExchangeUrl ?? null,
    }),
    webhookUrl: t.string({
      nullable: true,
      description: 'Your endpoint for Ring event notifications: JSON POSTs signed with your HMAC Signature Key; answer 200 promptly.',
      resolve: (s) => s.webhookUrl ?? null,
    }),
    complete: t.exposeBoolean('complete', { description: 'All four URLs are saved.' }),
    missing: t.exposeStringList('missing', { description: 'The input field names of the URLs not yet saved, e.g. ["webhookUrl"].' }),
  }),
});

export const AccountLinkingRef = builder.objectRef<AccountLinkingView>('AccountLinking').implement({
  description: 'OAuth account linking and webhook endpoints, for staging and production.',
  fields: (t) => ({
    staging: t.field({ type: AccountLinkingSettingsRef, description: 'The staging settings.', resolve: (v) => v.staging }),
    production: t.field({ type: AccountLinkingSettingsRef, description: 'The production settings.', resolve: (v) => v.production }),
    status: t.field({ type: SectionStatusEnum, description: 'COMPLETE when both environments have all four URLs.', resolve: (v) => v.status }),
  }),
});

builder.prismaObjectFields(AppRef, (t) => ({
  accountLinking: t.field({
    type: AccountLinkingRef,
    description: 'Account linking settings of both environments and whether they are complete.',
    // Selected with the app, so a list of apps does not query once per app.
    select: ACCOUNT_LINKING_FACTS_SELECT,
    resolve: (app) => accountLinkingFromRows(app.accountLinkings),
  }),
}));
