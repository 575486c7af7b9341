/**
 * Versions: freezing the draft into a numbered AppVersion, and reading listings back (a
 * version's, or the draft's in the same shape) to compare them.
 */
import { prisma, type Prisma } from '@ring/db';
import { EMPTY_SNAPSHOT, listingChanges, type ListingChange, type ListingSnapshot, type MediaRef } from '@ring/domain';
import { linkingUrls } from '../account-linking/account-linking.service.ts';
import { draftListing } from '../app-info/app-info.snapshot.ts';
import { freezeVersionMedia } from '../media/version-media.ts';

type Tx = Prisma.TransactionClient;

export interface VersionRow {
  id: string;
  appId: string;
  number: number;
  createdAt: Date;
  releaseNotes: string;
  snapshot: Prisma.JsonValue;
}

/** The listing a version froze (stored as JSON in the shape of ListingSnapshot). */
export function versionListing(version: Pick<VersionRow, 'snapshot'>): ListingSnapshot {
  const stored = version.snapshot as unknown as Partial<ListingSnapshot> | null;
  return { ...EMPTY_SNAPSHOT, ...stored };
}

/** The draft as it stands, in the shape a version freezes (media at the draft's addresses). */
export async function readDraft(db: Tx | typeof prisma, appId: string): Promise<ListingSnapshot> {
  const [draft, accountLinking] = await Promise.all([draftListing(db, appId), linkingUrls(db, appId)]);
  return { ...draft.tabs, accountLinking: normalizeLinking(accountLinking) };
}

function normalizeLinking(urls: Awaited<ReturnType<typeof linkingUrls>>): ListingSnapshot['accountLinking'] {
  const pick = (environment: 'STAGING' | 'PRODUCTION') => ({
    authorizationUrl: urls[environment].authorizationUrl ?? null,
    appHomepageUrl: urls[environment].appHomepageUrl ?? null,
    tokenExchangeUrl: urls[environment].tokenExchangeUrl ?? null,
    webhookUrl: urls[environment].webhookUrl ?? null,
  });
  return { STAGING: pick('STAGING'), PRODUCTION: pick('PRODUCTION') };
}

/**
 * Freezes the draft as version `number` of the app, inside `tx` (the caller holds the app's
 * certification lock). The media are copied into rows of the version (media module), and the
 * listing refers to those copies, so the version keeps showing the files it was submitted with.
 */
export async function freezeVersion(tx: Tx, appId: string, number: number, releaseNotes: string): Promise<VersionRow & { listing: ListingSnapshot }> {
  const [draft, accountLinking] = await Promise.all([draftListing(tx, appId), linkingUrls(tx, appId)]);
  const version = await tx.appVersion.create({ data: { appId, number, releaseNotes, snapshot: {} } });
  const frozen = await freezeVersionMedia(tx, appId, version.id, draft.assets);
  const urlOf = new Map(frozen.map((file) => [`${file.use.kind}:${file.use.position}`, file.url]));
  const copy = (ref: MediaRef | null, kind: string, position = 0): MediaRef | null => (ref ? { key: ref.key, url: urlOf.get(`${kind}:${position}`)! } : null);
  const { general, media, compatibility, additional } = draft.tabs;
  const listing: ListingSnapshot = {
    general: { ...general, icon: copy(general.icon, 'ICON') },
    media: {
      mainImage: copy(media.mainImage, 'MAIN_IMAGE'),
      additionalImages: media.additionalImages.map((image, position) => copy(image, 'ADDITIONAL_IMAGE', position)!),
      video: copy(media.video, 'VIDEO'),
      videoThumbnail: copy(media.videoThumbnail, 'VIDEO_THUMBNAIL'),
    },
    compatibility,
    additional,
    accountLinking: normalizeLinking(accountLinking),
  };
  // Written once, in the transaction that creates the version: its file copies' ids exist only now.
  const written = await tx.appVersion.update({ where: { id: version.id }, data: { snapshot: listing as unknown as Prisma.InputJsonObject } });
  return { ...written, listing };
}

/** The latest version of an app whose submission is in one of `statuses`, older than `beforeNumber` if given. */
export function latestVersionWith(appId: string, statuses: Prisma.CertificationSubmissionWhereInput['status'], beforeNumber?: number) {
  return prisma.appVersion.findFirst({
    where: { appId, submission: { status: statuses }, ...(beforeNumber === undefined ? {} : { number: { lt: beforeNumber } }) },
    orderBy: { number: 'desc' },
  });
}

export interface Comparison {
  against: VersionRow;
  changes: ListingChange[];
}

/**
 * What a version changed: against the latest certified version before it, or, when none was
 * certified, the version just before it (what the developer fixed since). v1 of an app
 * without a certified version: null.
 */
export async function versionChanges(version: VersionRow): Promise<Comparison | null> {
  const against =
    (await latestVersionWith(version.appId, 'CERTIFIED', version.number)) ??
    (await prisma.appVersion.findFirst({ where: { appId: version.appId, number: { lt: version.number } }, orderBy: { number: 'desc' } }));
  if (!against) return null;
  return { against, changes: listingChanges(versionListing(against), versionListing(version)) };
}

export type ComparisonBasis = 'LATEST_CERTIFIED' | 'SUBMITTED';

/** What the draft changes against the latest certified version and, while one is open, the submitted one. */
export async function draftChanges(appId: string): Promise<(Comparison & { basis: ComparisonBasis })[]> {
  const [certified, submitted, draft] = await Promise.all([
    latestVersionWith(appId, 'CERTIFIED'),
    latestVersionWith(appId, { in: ['PRECHECKS', 'UNDER_REVIEW'] }),
    readDraft(prisma, appId),
  ]);
  const comparisons: (Comparison & { basis: ComparisonBasis })[] = [];
  if (certified) comparisons.push({ basis: 'LATEST_CERTIFIED', against: certified, changes: listingChanges(versionListing(certified), draft) });
  if (submitted) comparisons.push({ basis: 'SUBMITTED', against: submitted, changes: listingChanges(versionListing(submitted), draft) });
  return comparisons;
}
