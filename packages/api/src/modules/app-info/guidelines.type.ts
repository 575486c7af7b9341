import { GUIDELINE_RULES, GUIDELINE_SEVERITIES, guidelineChecks, guidelineHref, type GuidelineCheck, type GuidelineSeverity } from '@ring/domain';
import { builder } from '../../builder.ts';
import { ForbiddenError } from '../../errors.ts';
import { AppRef } from '../apps/apps.type.ts';
import { APP_INFO_FACTS_SELECT } from './app-info.facts.ts';
import { infoFromRows } from './app-info.service.ts';
import { listingFromDraft } from './app-info.listing.ts';

const severityDescriptions: Record<GuidelineSeverity, string> = {
  ERROR: 'Breaks a guideline: blocks submitting the app for certification.',
  WARNING: 'Worth a look; does not block a submission.',
};

export const GuidelineSeverityEnum = builder.enumType('GuidelineSeverity', {
  description: 'How much a failed guideline check weighs.',
  values: Object.fromEntries(GUIDELINE_SEVERITIES.map((severity) => [severity, { description: severityDescriptions[severity] }])) as Record<
    GuidelineSeverity,
    { description: string }
  >,
});

export const GuidelineCheckRef = builder.objectRef<GuidelineCheck>('GuidelineCheck').implement({
  description: 'One failed check of the App Information Guidelines (the console’s /guidelines page explains each rule).',
  fields: (t) => ({
    rule: t.exposeString('rule', {
      description: `The rule's stable id, also its anchor on /guidelines (e.g. /guidelines#icon-size): ${GUIDELINE_RULES.map((rule) => rule.id).join(', ')}.`,
    }),
    field: t.exposeString('field', {
      description: 'The field it is about: the App Information save mutations’ input field name, e.g. shortDescription or icon.',
    }),
    severity: t.expose('severity', { type: GuidelineSeverityEnum, description: 'ERROR blocks a submission; WARNING does not.' }),
    message: t.exposeString('message', { description: 'What was seen and what the guideline asks.' }),
    guidelineUrl: t.string({
      description: 'The rule’s section on the console’s guidelines page, a path on this origin (e.g. /guidelines#icon-size).',
      resolve: (check) => guidelineHref(check.rule),
    }),
  }),
});

// The tab rows load with the app (App.info's selection, merged by the Prisma plugin): a list of
// apps with their checks costs a fixed number of statements (test/api/sql-per-request.test.ts).
builder.prismaObjectFields(AppRef, (t) => ({
  guidelineChecks: t.withAuth({ developer: true }).field({
    type: [GuidelineCheckRef],
    description:
      'The App Information Guidelines the draft listing fails, errors and warnings, in the order of the guidelines page (empty when it passes every rule). The owner’s only.',
    select: { developerId: true, ...APP_INFO_FACTS_SELECT },
    resolve: (app, _args, context) => {
      // Support staff reach other developers' apps through their search; the checks are the owner's work in progress.
      if (app.developerId !== context.viewer.id) throw new ForbiddenError('Only the app’s owner sees its guideline checks.');
      return guidelineChecks(listingFromDraft(infoFromRows(app.id, app)));
    },
  }),
}));
