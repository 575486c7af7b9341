/**
 * ring-apps: Ring Appstore apps from the command line. Every command takes --json; exit codes
 * are in exit-codes.ts.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { type Api, connect } from './api.ts';
import { diff, exportApp, push, validate } from './commands/app.ts';
import { listApps } from './commands/apps.ts';
import { environmentOption, runChecks, sendEvent, status, submit } from './commands/lifecycle.ts';
import { login, logout } from './commands/login.ts';
import { resolveLogin } from './credentials.ts';
import { EXIT } from './exit-codes.ts';
import { createOutput, type Output, reportFailure } from './output.ts';

interface GlobalOptions {
  json?: boolean;
  url?: string;
}

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const program = new Command('ring-apps')
  .version(version)
  .description('Script your Ring Appstore apps: definitions as files, the lifecycle from CI.')
  .option('--json', 'print one JSON document instead of text (errors too, with the exit code)')
  .option('--url <url>', 'the API address (default: RING_API_URL, the stored login, or http://localhost:3000/graphql)')
  .showHelpAfterError()
  .exitOverride();

const globals = () => program.opts<GlobalOptions>();
const output = (): Output => createOutput(globals().json === true);

/** Runs a command that needs the API with the resolved login. */
const withApi =
  <Args extends unknown[]>(run: (api: Api, output: Output, ...args: Args) => Promise<void>) =>
  async (...args: Args) => {
    const { url, token } = await resolveLogin(globals().url);
    await run(connect(url, token), output(), ...args);
  };

program
  .command('login')
  .description('check an API token (RING_TOKEN or stdin) and keep it in a file only you can read')
  .action(() => login(output(), { url: globals().url }));
program
  .command('logout')
  .description('delete the stored token')
  .action(() => logout(output()));

program.command('apps').description('your apps').command('list').description('every app with its step and live version').action(withApi(listApps));

program
  .command('status')
  .description('where an app stands in the lifecycle')
  .argument('<appId>')
  .action(withApi((api, out, appId: string) => status(api, out, appId)));

const app = program.command('app').description('apps as code: a ring-app.json file and its media');
app
  .command('export')
  .description('write an app’s Configure data to ring-app.json, with its media files beside it')
  .argument('<appId>')
  .option('--out <folder>', 'where to write', '.')
  .option('--force', 'replace an existing ring-app.json')
  .action(withApi((api, out, appId: string, options: { out: string; force?: boolean }) => exportApp(api, out, appId, options)));
app
  .command('validate')
  .description('check a definition file with the API’s own rules, offline (exit 3 with every problem’s JSON pointer)')
  .argument('[file]', 'the definition', 'ring-app.json')
  .action((file: string) => validate(output(), file));
app
  .command('diff')
  .description('what push would change, field by field (nothing is saved)')
  .argument('[file]', 'the definition', 'ring-app.json')
  .option('--app <appId>', 'the app, when the file names none')
  .action(withApi((api, out, file: string, options: { app?: string }) => diff(api, out, file, options)));
app
  .command('push')
  .description('apply the file in one step (all or nothing); without an app id, create the app and write its id back')
  .argument('[file]', 'the definition', 'ring-app.json')
  .option('--app <appId>', 'the app, when the file names none')
  .option('--name <name>', 'a new app’s name (default: the public name)')
  .option('--accept-compliance', 'accept the Developer Compliance agreement (needed to create an app)')
  .action(withApi((api, out, file: string, options: { app?: string; name?: string; acceptCompliance?: boolean }) => push(api, out, file, options)));

const environment = () =>
  new Option('--env <environment>', 'staging or production').argParser(environmentOption).default(environmentOption('staging'), 'staging');

program
  .command('checks')
  .description('Build: endpoint checks')
  .command('run')
  .description('run the endpoint checks of one environment (exit 1 when one fails)')
  .argument('<appId>')
  .addOption(environment())
  .action(withApi((api, out, appId: string, options: { env: ReturnType<typeof environmentOption> }) => runChecks(api, out, appId, options.env)));

program
  .command('events')
  .description('Test: webhook test events')
  .command('send')
  .description('send a signed test event to the webhook URL (exit 1 when it was not delivered)')
  .argument('<appId>')
  .requiredOption('--type <eventType>', 'e.g. motion_detected, device_added')
  .addOption(environment())
  .action(
    withApi((api, out, appId: string, options: { env: ReturnType<typeof environmentOption>; type: string }) =>
      sendEvent(api, out, appId, options.env, options.type),
    ),
  );

program
  .command('submit')
  .description('Certify: submit the draft as a new version')
  .argument('<appId>')
  .requiredOption('--release-notes <text>', 'what is new in this version')
  .option('--acknowledge', 'I have tested the account-linking workflow in staging with both staging and production endpoints')
  .action(withApi((api, out, appId: string, options: { releaseNotes: string; acknowledge?: boolean }) => submit(api, out, appId, options)));

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and --version end here too, successfully; commander has already printed them.
    process.exitCode = error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  } else {
    process.exitCode = reportFailure(error, globals().json === true);
  }
}
