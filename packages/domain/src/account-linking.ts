/**
 * Account linking's four endpoints, with messages that name the environment and the field
 * ("Staging webhook URL must use https://."): the API's ValidationError and the console's
 * inline errors come from this one schema, so they always agree.
 */
import { z } from 'zod';
import { urlProblem, urlProblemMessage } from './urls.ts';

export const LINKING_ENVIRONMENTS = ['STAGING', 'PRODUCTION'] as const;
export type LinkingEnvironment = (typeof LINKING_ENVIRONMENTS)[number];

export const LINKING_FIELDS = ['authorizationUrl', 'appHomepageUrl', 'tokenExchangeUrl', 'webhookUrl'] as const;
export type LinkingField = (typeof LINKING_FIELDS)[number];

export const LINKING_FIELD_LABELS: Record<LinkingField, string> = {
  authorizationUrl: 'authorization URL',
  appHomepageUrl: 'app homepage URL',
  tokenExchangeUrl: 'token exchange URL',
  webhookUrl: 'webhook URL',
};

export const ENVIRONMENT_LABELS: Record<LinkingEnvironment, string> = { STAGING: 'Staging', PRODUCTION: 'Production' };

/** The message for one field, or null when the value is allowed. */
/** ALLOW_LOCAL_ENDPOINTS (development only): loopback partner endpoints are accepted too. */
export interface LinkingRuleOptions {
  allowLocalEndpoints?: boolean;
}

function endpointOptions(options: LinkingRuleOptions) {
  return { publicEndpoint: true, allowLoopback: options.allowLocalEndpoints === true };
}

export function linkingUrlMessage(
  environment: LinkingEnvironment,
  field: LinkingField,
  value: string | null | undefined,
  options: LinkingRuleOptions = {},
): string | null {
  const problem = urlProblem(value ?? '', endpointOptions(options));
  if (!problem) return null;
  const label = `${ENVIRONMENT_LABELS[environment]} ${LINKING_FIELD_LABELS[field]}`;
  if (problem === 'EMPTY') return `Enter the ${label.toLowerCase().replace(/ url$/, ' URL')}.`;
  const generic = urlProblemMessage(problem);
  // The shared messages read "URL must ..."; put the environment and field in front of "URL".
  if (generic.startsWith('URL ')) return `${label}${generic.slice(3)}`;
  return `${label}: ${generic.charAt(0).toLowerCase()}${generic.slice(1)}`;
}

/** Every wrong field of one environment's settings, keyed by input field name. */
export function linkingErrors(
  environment: LinkingEnvironment,
  values: Partial<Record<LinkingField, string | null | undefined>>,
  options: LinkingRuleOptions = {},
): Partial<Record<LinkingField, string>> {
  const errors: Partial<Record<LinkingField, string>> = {};
  for (const field of LINKING_FIELDS) {
    const message = linkingUrlMessage(environment, field, values[field], options);
    if (message) errors[field] = message;
  }
  return errors;
}

/**
 * The save input as the API receives it: the four URLs are checked against the environment they
 * are for. `options` is asked at each check, so a development server's setting applies as it is now.
 */
export const accountLinkingInputSchemaWith = (options: () => LinkingRuleOptions) =>
  z
    .object({
      environment: z.enum(LINKING_ENVIRONMENTS),
      expectedVersion: z.number().int().min(0, 'expectedVersion cannot be negative.').nullish(),
      authorizationUrl: z.string().nullish(),
      appHomepageUrl: z.string().nullish(),
      tokenExchangeUrl: z.string().nullish(),
      webhookUrl: z.string().nullish(),
    })
    .loose()
    .superRefine((input, context) => {
      const rules = options();
      for (const [field, message] of Object.entries(linkingErrors(input.environment, input, rules))) {
        // The same problem names as urls.ts's own rule, so both map to the same code.
        const problem = urlProblem(input[field as LinkingField] ?? '', endpointOptions(rules));
        context.addIssue({ code: 'custom', path: [field], message, params: { problem } });
      }
    });

/** The rules as production applies them: public endpoints only. */
export const accountLinkingInputSchema = accountLinkingInputSchemaWith(() => ({}));
