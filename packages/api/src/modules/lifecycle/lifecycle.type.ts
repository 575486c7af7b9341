import { currentStep, LIFECYCLE_STEPS, SECTION_STATUSES, STEP_STATUSES, type LifecycleStep, type SectionStatus } from '@ring/domain';
import { builder } from '../../builder.ts';
import { AppRef } from '../apps/apps.type.ts';
import { appLifecycle, configureOverview, LIFECYCLE_SELECT } from './lifecycle.service.ts';

const stepDescriptions: Record<(typeof LIFECYCLE_STEPS)[number], string> = {
  CONFIGURE: 'App information and account linking.',
  BUILD: 'Build the integration against the Ring APIs.',
  TEST: 'Test the integration.',
  CERTIFY: 'Ring reviews and certifies the app.',
  PUBLISH: 'The app is live in the Ring Appstore.',
};

export const LifecycleStepNameEnum = builder.enumType('LifecycleStepName', {
  description: 'The five steps of an app, in order.',
  values: Object.fromEntries(LIFECYCLE_STEPS.map((step) => [step, { description: stepDescriptions[step] }])) as Record<
    (typeof LIFECYCLE_STEPS)[number],
    { description: string }
  >,
});

const statusDescriptions: Record<(typeof STEP_STATUSES)[number], string> = {
  LOCKED: 'Opens once every earlier step is complete.',
  PENDING: 'Open, nothing done yet.',
  IN_PROGRESS: 'Started, not yet complete.',
  COMPLETE: 'Done.',
};

export const StepStatusEnum = builder.enumType('StepStatus', {
  description: 'Where a lifecycle step stands.',
  values: Object.fromEntries(STEP_STATUSES.map((status) => [status, { description: statusDescriptions[status] }])) as Record<
    (typeof STEP_STATUSES)[number],
    { description: string }
  >,
});

export const SectionStatusEnum = builder.enumType('SectionStatus', {
  description: 'Whether a Configure section has every required field.',
  values: Object.fromEntries(
    SECTION_STATUSES.map((status) => [
      status,
      { description: status === 'COMPLETE' ? 'Every required field is saved.' : 'Something required is still missing.' },
    ]),
  ) as Record<SectionStatus, { description: string }>,
});

const LifecycleStepRef = builder.simpleObject('LifecycleStep', {
  description: 'One step of the app lifecycle and its status.',
  fields: (t) => ({
    step: t.field({ type: LifecycleStepNameEnum, description: 'Which step.' }),
    status: t.field({ type: StepStatusEnum, description: 'Its status; steps 3-5 are LOCKED until every earlier step is COMPLETE.' }),
    note: t.string({
      nullable: true,
      description:
        'Why the step is where it is when that is not obvious, e.g. a completed Build sent back to IN_PROGRESS: "Staging webhook URL changed on 12 Dec". Null otherwise.',
    }),
  }),
});

const ConfigureOverviewRef = builder.simpleObject('ConfigureOverview', {
  description: 'The two sub-sections of Configure.',
  fields: (t) => ({
    appInformation: t.field({ type: SectionStatusEnum, description: 'All four App information tabs complete, or not.' }),
    accountLinking: t.field({ type: SectionStatusEnum, description: 'Account linking complete for both staging and production, or not.' }),
  }),
});

const AppOverviewRef = builder.simpleObject('AppOverview', {
  description: 'What the app overview page shows besides the lifecycle.',
  fields: (t) => ({ configure: t.field({ type: ConfigureOverviewRef, description: 'The Configure sub-sections and their status.' }) }),
});

// `select` makes the Prisma plugin load these rows with the app itself (also for every app of
// a connection), so a list of apps with their lifecycle takes a fixed number of queries.
builder.prismaObjectFields(AppRef, (t) => ({
  lifecycle: t.field({
    type: [LifecycleStepRef],
    description: 'The five steps in order: CONFIGURE, BUILD, TEST, CERTIFY, PUBLISH.',
    select: LIFECYCLE_SELECT,
    resolve: (app): LifecycleStep[] => appLifecycle(app),
  }),
  currentStep: t.field({
    type: LifecycleStepNameEnum,
    description: 'The step the developer is working on: the first that is not COMPLETE.',
    select: LIFECYCLE_SELECT,
    resolve: (app) => currentStep(appLifecycle(app)),
  }),
  overview: t.field({
    type: AppOverviewRef,
    description: 'Status of the Configure sub-sections.',
    select: LIFECYCLE_SELECT,
    resolve: (app) => ({ configure: configureOverview(app) }),
  }),
}));
