/** The lifecycle from a script: where an app stands, Build's checks, a test event, submission. */
import {
  BuildPage_RunEndpointChecksDocument,
  CertifyPage_SubmitDocument,
  Cli_StatusDocument,
  TestPage_SendTestWebhookDocument,
  type Environment,
  type WebhookEventType,
} from '@ring/client';
import { type Api, succeeded } from '../api.ts';
import { CliError, EXIT } from '../exit-codes.ts';
import { columns, type Output } from '../output.ts';

const ENVIRONMENTS: Record<string, Environment> = { staging: 'STAGING', production: 'PRODUCTION' };

export function environmentOption(value: string): Environment {
  const environment = ENVIRONMENTS[value.toLowerCase()];
  if (!environment) throw new CliError(EXIT.USAGE, `--env must be staging or production, not "${value}".`);
  return environment;
}

export async function status(api: Api, output: Output, appId: string): Promise<void> {
  const { node } = await api.request(Cli_StatusDocument, { id: appId });
  if (node?.__typename !== 'App') throw new CliError(EXIT.FAILED, `No app ${appId} among yours.`, { type: 'NotFoundError' });
  const lines = [
    `${node.name}${node.publicName ? ` (“${node.publicName}”)` : ''}: ${node.currentStep}${node.publishedAt ? `, live since ${node.publishedAt}` : ''}`,
    ...columns(node.lifecycle.map((step) => [step.step, step.status, step.note ?? ''])).map((line) => `  ${line}`),
  ];
  if (node.buildBlocker) lines.push(`Build: ${node.buildBlocker}`);
  if (node.testRequirementsMissing.length > 0) lines.push(`Test still needs: ${node.testRequirementsMissing.join('; ')}`);
  if (node.certification) {
    lines.push(`Certification: ${node.certification.label} (reviews take ${node.certification.expectedReviewTime})`);
    for (const finding of node.certification.findings) lines.push(`  finding on ${finding.field ?? finding.area}: ${finding.message}`);
  }
  if (node.liveVersion) lines.push(`Live: ${node.liveVersion.version.name} at ${node.liveVersion.percent} %${node.liveVersion.paused ? ' (paused)' : ''}`);
  output.result(lines, node);
}

export async function runChecks(api: Api, output: Output, appId: string, environment: Environment): Promise<void> {
  output.progress(`Checking the ${environment.toLowerCase()} endpoints (at most about 5 s)…`);
  const result = await api.request(BuildPage_RunEndpointChecksDocument, { input: { appId, environment } });
  const { run } = succeeded(result.runEndpointChecks, 'RunEndpointChecksSuccess');
  output.result(
    [
      ...columns(run.checks.map((check) => [check.passed ? 'pass' : 'FAIL', check.endpoint, check.check, check.message])),
      run.passed ? 'Every check passed.' : 'Some checks failed.',
    ],
    run,
  );
  if (!run.passed) process.exitCode = EXIT.FAILED;
}

export async function sendEvent(api: Api, output: Output, appId: string, environment: Environment, eventType: string): Promise<void> {
  const result = await api.request(TestPage_SendTestWebhookDocument, {
    input: { appId, environment, eventType: eventType.toUpperCase().replaceAll('-', '_') as WebhookEventType },
  });
  const { delivery } = succeeded(result.sendTestWebhook, 'SendTestWebhookSuccess');
  output.result(
    `${delivery.eventType} to ${delivery.url}: ${delivery.succeeded ? 'delivered' : 'not delivered'} (${delivery.statusCode ?? delivery.error ?? delivery.outcome}, ${delivery.durationMs} ms)`,
    delivery,
  );
  if (!delivery.succeeded) process.exitCode = EXIT.FAILED;
}

export async function submit(api: Api, output: Output, appId: string, options: { releaseNotes: string; acknowledge?: boolean }): Promise<void> {
  const result = await api.request(CertifyPage_SubmitDocument, {
    input: { appId, releaseNotes: options.releaseNotes, acknowledge: options.acknowledge === true },
  });
  const { submission } = succeeded(result.submitForCertification, 'SubmitForCertificationSuccess');
  output.result(
    [
      `${submission.label}. Reviews take ${submission.expectedReviewTime}.`,
      ...columns(submission.prechecks.map((check) => [check.passed ? 'pass' : 'FAIL', check.item, check.message])),
    ],
    submission,
  );
}
