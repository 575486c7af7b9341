/** `pnpm start`: runs the example partner with the settings in the environment (see README.md). */
import { ConfigError, configFromEnv } from './config.ts';
import { startPartner } from './server.ts';

let config: ReturnType<typeof configFromEnv>;
try {
  config = configFromEnv(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Example partner not started: ${error.message}`);
  process.exit(1);
}

const partner = await startPartner(config);
const lines = [
  `Example partner listening on ${partner.url}`,
  config.tls
    ? 'Certificate: from PARTNER_TLS_CERT / PARTNER_TLS_KEY.'
    : `Self-signed certificate written to ${config.certificateFile}\n  start the console with ALLOW_LOCAL_ENDPOINTS=1 EXTRA_CA_FILE=${config.certificateFile}`,
  `Ring API: ${config.ringApiBaseUrl}  (token endpoint ${config.ringOAuthBaseUrl}/oauth/token)`,
  `Demo partner user: ${config.demoUser?.email}`,
  '',
  "Paste into the app's Account linking (one environment):",
  `  Authorization URL   ${partner.urls.authorizationUrl}`,
  `  App Homepage URL    ${partner.urls.appHomepageUrl}`,
  `  Token Exchange URL  ${partner.urls.tokenExchangeUrl}`,
  `  Webhook URL         ${partner.urls.webhookUrl}`,
];
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    partner.close().then(() => process.exit(0));
  });
}
