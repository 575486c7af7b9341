import { AppsPage_AppsDocument, type AppsPage_AppsQuery } from '@ring/client';
import type { Api } from '../api.ts';
import { columns, type Output } from '../output.ts';

type AppRow = NonNullable<NonNullable<AppsPage_AppsQuery['viewer']>['apps']>['edges'][number]['node'];

const PAGE = 50;

async function allApps(api: Api): Promise<AppRow[]> {
  const apps: AppRow[] = [];
  for (let after: string | null = null; ; ) {
    const result: AppsPage_AppsQuery = await api.request(AppsPage_AppsDocument, { first: PAGE, after });
    const page = result.viewer?.apps;
    if (!page) return apps;
    apps.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return apps;
    after = page.pageInfo.endCursor;
  }
}

const live = (app: AppRow) =>
  app.liveVersion ? `${app.liveVersion.version.name} at ${app.liveVersion.percent} %${app.liveVersion.paused ? ' (paused)' : ''}` : '';

export async function listApps(api: Api, output: Output): Promise<void> {
  const apps = await allApps(api);
  const human =
    apps.length === 0
      ? 'No apps yet: create one in the console.'
      : columns([['ID', 'NAME', 'STEP', 'LIVE'], ...apps.map((app) => [app.id, app.name, app.currentStep, live(app)])]);
  output.result(human, apps);
}
