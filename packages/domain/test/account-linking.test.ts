import { describe, expect, it } from 'vitest';
import { accountLinkingInputSchema, linkingErrors, linkingUrlMessage } from '../src/account-linking.ts';

describe('account linking URL messages', () => {
  it('name the environment and the field', () => {
    expect(linkingUrlMessage('STAGING', 'webhookUrl', 'http://example.com/hook')).toBe('Staging webhook URL must use https://.');
    expect(linkingUrlMessage('PRODUCTION', 'tokenExchangeUrl', 'https://10.0.0.1/')).toBe(
      'Production token exchange URL must point to a public host, not a private, loopback or link-local address.',
    );
    expect(linkingUrlMessage('PRODUCTION', 'appHomepageUrl', null)).toBe('Enter the production app homepage URL.');
    expect(linkingUrlMessage('STAGING', 'authorizationUrl', 'not a url')).toBe(
      'Staging authorization URL: enter an absolute URL, like https://example.com/page.',
    );
    expect(linkingUrlMessage('STAGING', 'authorizationUrl', 'https://auth.example.com/login')).toBeNull();
  });

  it('list every wrong field, and the input schema reports each under its own path', () => {
    const values = {
      authorizationUrl: 'https://localhost/',
      appHomepageUrl: '',
      tokenExchangeUrl: 'https://api.example.com/t',
      webhookUrl: 'https://u:p@example.com/',
    };
    expect(Object.keys(linkingErrors('STAGING', values)).sort()).toEqual(['appHomepageUrl', 'authorizationUrl', 'webhookUrl']);
    const parsed = accountLinkingInputSchema.safeParse({ appId: 'x', environment: 'STAGING', ...values });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['appHomepageUrl', 'authorizationUrl', 'webhookUrl']);
  });
});
