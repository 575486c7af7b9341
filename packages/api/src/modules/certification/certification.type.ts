import {
  CERTIFICATION_LABELS,
  CERTIFICATION_STATUSES,
  CHANGE_KINDS,
  CHANGE_TYPES,
  EXPECTED_REVIEW_TIME,
  FINDING_AREA_LABELS,
  FINDING_AREAS,
  WITHDRAW_REASON_LABELS,
  WITHDRAW_REASONS,
  rolloutVersionLabel,
  type CertificationStatus,
  type Finding,
  type LinkingUrls,
  type ListingChange,
  type Listing,
  type ListingMedia,
} from '@ring/domain';
import { prisma } from '@ring/db';
import { builder, requireScopes } from '../../builder.ts';
import { asUuid } from '../../ids.ts';
import { AppRef } from '../apps/apps.type.ts';
import { QuestionnaireTabAnswersRef, ReviewerNotesRef } from '../certification-forms/certification-forms.type.ts';
import { questionnaireFromFrozen } from '../certification-forms/questionnaire.service.ts';
import { reviewerNotesFromFrozen } from '../certification-forms/reviewer-notes.service.ts';
import { EndpointCheckRunRef } from '../endpoint-checks/endpoint-checks.type.ts';
import { EnvironmentEnum } from '../account-linking/account-linking.type.ts';
import { hasScope } from '../identity/roles.ts';
import type { PrecheckResult } from './prechecks.ts';
import { PRECHECKS } from './prechecks.ts';
import { draftChanges, versionChanges, listingFromVersion, type Comparison, type ComparisonBasis, type VersionRow } from './versions.ts';
import { absoluteUrl } from '../../public-origin.ts';

const enumOf = <T extends string>(values: readonly T[], describe: (value: T) => string) =>
  Object.fromEntries(values.map((value) => [value, { description: describe(value) }])) as Record<T, { description: string }>;

export const CertificationStatusEnum = builder.enumType('CertificationStatus', {
  description: 'Where a certification submission stands.',
  values: enumOf(CERTIFICATION_STATUSES, (status) => `The console’s label for it: “${CERTIFICATION_LABELS[status]}”.`),
});

export const FindingAreaEnum = builder.enumType('FindingArea', {
  description: 'The part of the app a reviewer’s finding (or a change) is about.',
  values: enumOf(FINDING_AREAS, (area) => FINDING_AREA_LABELS[area]),
});

export const WithdrawReasonEnum = builder.enumType('WithdrawReason', {
  description: 'Why a developer withdraws a submission.',
  values: enumOf(WITHDRAW_REASONS, (reason) => WITHDRAW_REASON_LABELS[reason]),
});

// The registry decides the items (prechecks.ts): an item added there is a value here.
const PrecheckItemEnum = builder.enumType('PrecheckItem', {
  description: 'An automated pre-check run on every submitted version.',
  values: Object.fromEntries(PRECHECKS.map((check) => [check.item, { description: check.description }])),
});

const ChangeKindEnum = builder.enumType('ChangeKind', {
  description: 'What kind of value changed.',
  values: enumOf(CHANGE_KINDS, (kind) => ({ TEXT: 'A text field.', LIST: 'A list of choices.', MEDIA: 'An image or video.', URL: 'A URL.' })[kind]),
});

const ChangeTypeEnum = builder.enumType('ChangeType', {
  description: 'How it changed.',
  values: enumOf(
    CHANGE_TYPES,
    (type) =>
      ({ ADDED: 'Given now, absent before.', REMOVED: 'Given before, absent now.', CHANGED: 'Another value.', REPLACED: 'Another file (other bytes).' })[type],
  ),
});

const ComparisonBasisEnum = builder.enumType('ComparisonBasis', {
  description: 'Which version the draft is compared with.',
  values: {
    LATEST_CERTIFIED: { description: 'The latest certified version.' },
    SUBMITTED: { description: 'The version submitted and not yet decided.' },
  },
});

const PrecheckResultRef = builder.objectRef<PrecheckResult>('PrecheckResult').implement({
  description: 'The outcome of one pre-check.',
  fields: (t) => ({
    item: t.field({ type: PrecheckItemEnum, description: 'Which check.', resolve: (result) => result.item as never }),
    passed: t.exposeBoolean('passed', { description: 'Whether it passed.' }),
    message: t.exposeString('message', { description: 'What it found, in a sentence.' }),
  }),
});

const ReviewFindingRef = builder.objectRef<Finding>('ReviewFinding').implement({
  description: 'Something a reviewer asks the developer to change.',
  fields: (t) => ({
    area: t.field({ type: FindingAreaEnum, description: 'The part of the app it is about.', resolve: (finding) => finding.area }),
    field: t.string({
      nullable: true,
      description: 'The input field it names (a save mutation’s field, e.g. shortDescription), or null.',
      resolve: (finding) => finding.field ?? null,
    }),
    message: t.exposeString('message', { description: 'What to change and why.' }),
  }),
});

const ListingChangeRef = builder.objectRef<ListingChange>('ListingChange').implement({
  description: 'One field that differs between two listings.',
  fields: (t) => ({
    area: t.field({ type: FindingAreaEnum, description: 'The part of the app.', resolve: (change) => change.area }),
    field: t.exposeString('field', { description: 'The save mutation’s input field, e.g. shortDescription or webhookUrl.' }),
    environment: t.field({
      type: EnvironmentEnum,
      nullable: true,
      description: 'For a linking URL: its environment.',
      resolve: (change) => change.environment,
    }),
    position: t.int({ nullable: true, description: 'For an additional image: its position (0-based).', resolve: (change) => change.position }),
    kind: t.field({ type: ChangeKindEnum, description: 'What kind of value.', resolve: (change) => change.kind }),
    change: t.field({ type: ChangeTypeEnum, description: 'How it changed.', resolve: (change) => change.change }),
    before: t.string({ nullable: true, description: 'The value before (a list joined with ", ", a file’s URL), or null.', resolve: (change) => change.before }),
    after: t.string({ nullable: true, description: 'The value after, or null.', resolve: (change) => change.after }),
  }),
});

const MediaFileRef = builder.objectRef<ListingMedia>('VersionMediaFile').implement({
  description: 'A file a version refers to; its bytes stay as long as the version.',
  fields: (t) => ({
    url: t.string({
      description: 'The file’s absolute URL (on PUBLIC_URL, or else the origin the request reached), served publicly.',
      resolve: (file, _args, context) => absoluteUrl(context.request, file.url),
    }),
    contentType: t.string({ description: 'Its media type, e.g. image/png (empty for a file frozen before types were kept).', resolve: (m) => m.contentType }),
    width: t.exposeInt('width', { nullable: true, description: 'Width in pixels, or null.' }),
    height: t.exposeInt('height', { nullable: true, description: 'Height in pixels, or null.' }),
    durationMs: t.exposeInt('durationMs', { nullable: true, description: 'A video’s length in milliseconds, or null.' }),
  }),
});

const text = (description: string) => ({ nullable: true, description }) as const;

const VersionGeneralRef = builder.objectRef<Listing>('VersionGeneral').implement({
  description: 'The General tab as frozen.',
  fields: (t) => ({
    publicName: t.string({ ...text('Public name.'), resolve: (g) => g.publicName }),
    icon: t.field({ type: MediaFileRef, nullable: true, description: 'Icon.', resolve: (g) => g.icon }),
    shortDescription: t.string({ ...text('Short description.'), resolve: (g) => g.shortDescription }),
    detailedDescription: t.string({ ...text('Detailed description.'), resolve: (g) => g.detailedDescription }),
    categories: t.stringList({ description: 'Category ids.', resolve: (g) => g.categories }),
    latestRelease: t.string({ ...text('Latest release.'), resolve: (g) => g.latestRelease }),
  }),
});

const VersionMediaRef = builder.objectRef<Listing>('VersionMedia').implement({
  description: 'The Media tab as frozen.',
  fields: (t) => ({
    mainImage: t.field({ type: MediaFileRef, nullable: true, description: 'Appstore main image.', resolve: (m) => m.mainImage }),
    additionalImages: t.field({ type: [MediaFileRef], description: 'Additional images, in order.', resolve: (m) => m.additionalImages }),
    video: t.field({ type: MediaFileRef, nullable: true, description: 'Video.', resolve: (m) => m.video }),
    videoThumbnail: t.field({ type: MediaFileRef, nullable: true, description: 'Video thumbnail.', resolve: (m) => m.videoThumbnail }),
  }),
});

const VersionCompatibilityRef = builder.objectRef<Listing>('VersionCompatibility').implement({
  description: 'The Compatibility tab as frozen.',
  fields: (t) => ({
    features: t.string({ ...text('Features.'), resolve: (c) => c.features }),
    requirements: t.string({ ...text('Requirements.'), resolve: (c) => c.requirements }),
    customerTypes: t.stringList({ description: 'Customer type ids.', resolve: (c) => c.customerTypes }),
    supportedDevices: t.stringList({ description: 'Supported device ids.', resolve: (c) => c.supportedDevices }),
    cameraTypes: t.stringList({ description: 'Camera type ids.', resolve: (c) => c.cameraTypes }),
  }),
});

const VersionAdditionalRef = builder.objectRef<Listing>('VersionAdditional').implement({
  description: 'The Additional tab as frozen.',
  fields: (t) => ({
    developerInfo: t.string({ ...text('Developer info.'), resolve: (a) => a.developerInfo }),
    websiteUrl: t.string({ ...text('Website.'), resolve: (a) => a.websiteUrl }),
    supportUrl: t.string({ ...text('Support.'), resolve: (a) => a.supportUrl }),
    privacyPolicyUrl: t.string({ ...text('Privacy policy.'), resolve: (a) => a.privacyPolicyUrl }),
    termsOfServiceUrl: t.string({ ...text('Terms of Service.'), resolve: (a) => a.termsOfServiceUrl }),
  }),
});

const VersionLinkingUrlsRef = builder.objectRef<LinkingUrls>('VersionLinkingUrls').implement({
  description: 'One environment’s four linking URLs as frozen.',
  fields: (t) => ({
    authorizationUrl: t.string({ ...text('Authorization URL.'), resolve: (u) => u.authorizationUrl }),
    appHomepageUrl: t.string({ ...text('App Homepage URL.'), resolve: (u) => u.appHomepageUrl }),
    tokenExchangeUrl: t.string({ ...text('Token Exchange URL.'), resolve: (u) => u.tokenExchangeUrl }),
    webhookUrl: t.string({ ...text('Webhook URL.'), resolve: (u) => u.webhookUrl }),
  }),
});

const VersionListingRef = builder.objectRef<Listing>('VersionListing').implement({
  description: 'The four App Information tabs and both environments’ linking URLs, as a version froze them.',
  fields: (t) => ({
    general: t.field({ type: VersionGeneralRef, description: 'General tab.', resolve: (l) => l }),
    media: t.field({ type: VersionMediaRef, description: 'Media tab.', resolve: (l) => l }),
    compatibility: t.field({ type: VersionCompatibilityRef, description: 'Compatibility tab.', resolve: (l) => l }),
    additional: t.field({ type: VersionAdditionalRef, description: 'Additional tab.', resolve: (l) => l }),
    staging: t.field({ type: VersionLinkingUrlsRef, description: 'Staging linking URLs.', resolve: (l) => l.accountLinking.STAGING }),
    production: t.field({ type: VersionLinkingUrlsRef, description: 'Production linking URLs.', resolve: (l) => l.accountLinking.PRODUCTION }),
  }),
});

/**
 * node(id) answers versions and submissions to the app's owner and to reviewers; to anyone
 * else, null (the same as an id that does not exist).
 */
function visibleTo(id: string, context: Parameters<typeof requireScopes>[0]) {
  requireScopes(context, { developer: true });
  return { id: asUuid(id), ...(hasScope(context.viewer, 'reviewer') ? {} : { app: { developerId: context.viewer.id } }) };
}

// Declared before AppVersion, implemented after it: each refers to the other.
const VersionComparisonRef = builder.objectRef<Comparison>('VersionComparison');

const VERSION_SUBMISSION_SELECT = { submission: { select: { status: true, decidedAt: true } } } as const;
// Its latest rollout decides the label once it has one (Publish: "Live to 25 %", "Rolled back", …).
const VERSION_LABEL_SELECT = {
  ...VERSION_SUBMISSION_SELECT,
  rollouts: { select: { status: true, strategy: true, percent: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 },
} as const;

export const AppVersionRef = builder.prismaNode('AppVersion', {
  description: 'A frozen, numbered version of the app’s listing (v1, v2, …), made by submitting for certification. Never changes.',
  id: { field: 'id' },
  findUnique: visibleTo,
  nullable: true,
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'The version number: 1 for v1.' }),
    name: t.string({ description: 'How the version is named: "v1".', resolve: (version) => `v${version.number}` }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was frozen (submitted).' }),
    releaseNotes: t.exposeString('releaseNotes', { description: 'What is new in this version, as the developer wrote it.' }),
    status: t.field({
      type: CertificationStatusEnum,
      description: 'Its certification status.',
      select: VERSION_SUBMISSION_SELECT,
      resolve: (version) => version.submission?.status ?? 'WITHDRAWN',
    }),
    label: t.string({
      description:
        'Ring’s label for its status, e.g. "Certification Under Review", "Certified version available for rollout", "Deployment Pending", "Live to 25 %", "Rolled back" or "Superseded".',
      select: VERSION_LABEL_SELECT,
      resolve: (version) => {
        const rollout = version.rollouts[0];
        return rollout ? rolloutVersionLabel(rollout) : CERTIFICATION_LABELS[version.submission?.status ?? 'WITHDRAWN'];
      },
    }),
    certifiedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was certified, or null.',
      select: VERSION_SUBMISSION_SELECT,
      resolve: (version) => (version.submission?.status === 'CERTIFIED' ? version.submission.decidedAt : null),
    }),
    listing: t.field({
      type: VersionListingRef,
      description: 'What was frozen.',
      select: { snapshot: true },
      resolve: (version) => listingFromVersion(version),
    }),
    changes: t.field({
      type: VersionComparisonRef,
      nullable: true,
      description:
        'What this version changed: against the latest certified version before it or, when none was certified, the version just before it. Null for a first version.',
      resolve: (version) => versionChanges(version),
    }),
    submission: t.relation('submission', { nullable: true, description: 'Its certification submission.' }),
  }),
});

VersionComparisonRef.implement({
  description: 'The changes of one listing against a version.',
  fields: (t) => ({
    against: t.field({ type: AppVersionRef, description: 'The version compared with.', resolve: (comparison) => comparison.against as VersionRow as never }),
    changes: t.field({ type: [ListingChangeRef], description: 'Field by field; empty when nothing changed.', resolve: (comparison) => comparison.changes }),
  }),
});

const DraftComparisonRef = builder.objectRef<Comparison & { basis: ComparisonBasis }>('DraftComparison').implement({
  description: 'What the draft changes against one version.',
  fields: (t) => ({
    basis: t.field({ type: ComparisonBasisEnum, description: 'Which version this is.', resolve: (comparison) => comparison.basis }),
    against: t.field({ type: AppVersionRef, description: 'The version compared with.', resolve: (comparison) => comparison.against as never }),
    changes: t.field({
      type: [ListingChangeRef],
      description: 'Field by field; empty when the draft matches the version.',
      resolve: (comparison) => comparison.changes,
    }),
  }),
});

export const CertificationSubmissionRef = builder.prismaNode('CertificationSubmission', {
  description: 'One submission of a version for certification, from pre-checks to a decision.',
  id: { field: 'id' },
  findUnique: visibleTo,
  nullable: true,
  fields: (t) => ({
    version: t.relation('version', { description: 'The version submitted.' }),
    status: t.field({ type: CertificationStatusEnum, description: 'Where it stands.', resolve: (submission) => submission.status }),
    label: t.string({ description: 'Ring’s label for the status.', resolve: (submission) => CERTIFICATION_LABELS[submission.status as CertificationStatus] }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was submitted.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    prechecks: t.field({
      type: [PrecheckResultRef],
      description: 'The pre-checks item by item (empty while they run).',
      resolve: (submission) => submission.prechecks as unknown as PrecheckResult[],
    }),
    findings: t.field({
      type: [ReviewFindingRef],
      description: 'What the reviewer asks to change (with CHANGES_REQUESTED).',
      resolve: (submission) => submission.findings as unknown as Finding[],
    }),
    claimed: t.boolean({ description: 'A reviewer has taken it.', resolve: (submission) => submission.reviewerId !== null }),
    claimedByYou: t.boolean({
      description: 'You are the reviewer who took it.',
      resolve: (submission, _args, context) => submission.reviewerId === context.viewer?.id,
    }),
    claimedAt: t.expose('claimedAt', { type: 'DateTime', nullable: true, description: 'When a reviewer took it, or null.' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true, description: 'When it was approved or sent back, or null.' }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true, description: 'When the developer withdrew it, or null.' }),
    withdrawnReason: t.field({
      type: WithdrawReasonEnum,
      nullable: true,
      description: 'Why it was withdrawn, or null.',
      resolve: (submission) => submission.withdrawnReason,
    }),
    withdrawnMessage: t.exposeString('withdrawnMessage', { nullable: true, description: 'The developer’s words on withdrawing, or null.' }),
    waitingSeconds: t.int({
      description: 'How long it has waited for (or waited until) a decision, in seconds.',
      resolve: (submission) => Math.floor(((submission.decidedAt ?? submission.withdrawnAt ?? new Date()).getTime() - submission.createdAt.getTime()) / 1000),
    }),
    expectedReviewTime: t.string({ description: `How long a review takes: ${EXPECTED_REVIEW_TIME}.`, resolve: () => EXPECTED_REVIEW_TIME }),
    // What the reviewer reads besides the listing: frozen with the version (or recorded with the
    // pre-checks), so the developer's later edits do not change it. App is its owner's only, so
    // these are fields of the submission, which reviewers may read.
    questionnaire: t.withAuth({ reviewer: true }).field({
      type: [QuestionnaireTabAnswersRef],
      nullable: true,
      description:
        'REVIEWER only: the certification questionnaire’s five tabs as submitted with the version (answers by question id; the questions are Query.questionnaire). Null for a version submitted before answers were kept with it.',
      select: { version: { select: { questionnaire: true } } },
      resolve: (submission) => questionnaireFromFrozen(submission.version.questionnaire),
    }),
    reviewerNotes: t.withAuth({ reviewer: true }).field({
      type: ReviewerNotesRef,
      nullable: true,
      description:
        'REVIEWER only: the notes for reviewers as submitted with the version, the test account in plaintext. Null for a version submitted before notes were kept with it.',
      select: { app: { select: { developerId: true } }, version: { select: { reviewerNotes: true } } },
      resolve: (submission) => reviewerNotesFromFrozen({ id: submission.appId, developerId: submission.app.developerId }, submission.version.reviewerNotes),
    }),
    endpointChecks: t.withAuth({ reviewer: true }).relation('endpointCheckRun', {
      nullable: true,
      description:
        'REVIEWER only: the endpoint check run on production that the ENDPOINTS pre-check judged (the latest when the version was submitted), check by check; null when there was none.',
    }),
  }),
});

builder.prismaObjectFields(AppRef, (t) => ({
  certification: t.prismaField({
    type: CertificationSubmissionRef,
    nullable: true,
    description: 'The open certification submission, or else the latest; null before the first.',
    resolve: (query, app) => prisma.certificationSubmission.findFirst({ ...query, where: { appId: app.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
  versions: t.relation('versions', { description: 'Every version submitted, newest first.', query: { orderBy: { number: 'desc' } } }),
  version: t.prismaField({
    type: AppVersionRef,
    nullable: true,
    description: 'One version by its number (1 for v1), or null when there is none.',
    args: { number: t.arg.int({ required: true, description: 'The version number.' }) },
    resolve: (query, app, args) => prisma.appVersion.findUnique({ ...query, where: { appId_number: { appId: app.id, number: args.number } } }),
  }),
  draftChanges: t.field({
    type: [DraftComparisonRef],
    description:
      'What the draft changes, field by field, against the latest certified version and, while a submission is open, against the submitted version (one entry each, when they exist).',
    resolve: (app) => draftChanges(app.id),
  }),
}));
