import type { AccountLinkingPage_SettingsFragment } from '@ring/client';
import type { LinkingField } from '@ring/domain';

export type LinkingValues = Record<LinkingField, string>;

export const valuesOf = (settings: AccountLinkingPage_SettingsFragment): LinkingValues => ({
  authorizationUrl: settings.authorizationUrl ?? '',
  appHomepageUrl: settings.appHomepageUrl ?? '',
  tokenExchangeUrl: settings.tokenExchangeUrl ?? '',
  webhookUrl: settings.webhookUrl ?? '',
});

/** What each URL is for, in the words of the account-linking guide. */
export const LINKING_FIELD_TEXTS: Record<LinkingField, { label: string; explanation: string; placeholder: string }> = {
  authorizationUrl: {
    label: 'Authorization URL',
    explanation:
      'The page Ring redirects users to, in a browser, when they connect your app: your sign-in page, which authenticates the user and then initiates account linking.',
    placeholder: 'https://example.com/ring/authorize',
  },
  appHomepageUrl: {
    label: 'App Homepage URL',
    explanation:
      'Where Ring sends users after the integration is complete: your landing page to manage settings and view status. It should work on mobile and web.',
    placeholder: 'https://example.com/ring',
  },
  tokenExchangeUrl: {
    label: 'Token Exchange URL',
    explanation: 'Your backend endpoint Ring POSTs the OAuth authorization code to, server to server, to exchange it for an access token. Users never see it.',
    placeholder: 'https://api.example.com/ring/token',
  },
  webhookUrl: {
    label: 'Webhook URL',
    explanation:
      'Your endpoint for real-time event notifications: it receives JSON POSTs, should answer 200 promptly, and must validate the HMAC signature with your app’s HMAC Signature Key.',
    placeholder: 'https://api.example.com/ring/webhook',
  },
};
