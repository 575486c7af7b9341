/**
 * Versions: freezing the draft into a numbered AppVersion, and reading listings back (a
 * version's, or the draft's: one `Listing` shape of @ring/domain) to preview and compare them.
 */
import { Prisma, prisma } from '@ring/db';
import { EMPTY_LISTING, listingChanges, type Listing, type ListingChange, type ListingMedia } from '@ring/domain';
import { linkingUrls } from '../account-linking/account-linking.service.ts';
import { draftAssetUses, listingFromDraft } from '../app-info/app-info.listing.ts';
import { loadInfo } from '../app-info/app-info.service.ts';
import { questionnaireToFreeze } from '../certification-forms/questionnaire.service.ts';
import { reviewerNotesToFreeze } from '../certification-forms/reviewer-notes.service.ts';
import { freezeVersionMedia } from '../media/version-media.ts';

type Tx = Prisma.TransactionClient;

export interface VersionRow {
  id: string;
  appId: string;
  number: number;
  createdAt: Date;
  releaseNotes: string;
  snapshot: Prisma.JsonValue;
  questionnaire?: Prisma.JsonValue;
  reviewerNotes?: Prisma.JsonValue;
}

type Stored = Partial<Listing> & {
  // Versions frozen before the listing had one shape kept it by tab: read them the same way.
  general?: Partial<Listing>;
  media?: Partial<Listing>;
  compatibility?: Partial<Listing>;
  additional?: Partial<Listing>;
};

/** A stored file: one frozen before files carried their facts has only key and url. */
const storedMedia = (media: Partial<ListingMedia> | null | undefined): ListingMedia | null =>
  media?.url
    ? {
        key: media.key ?? media.url,
        url: media.url,
        contentType: media.contentType ?? '',
        width: media.width ?? null,
        height: media.height ?? null,
        durationMs: media.durationMs ?? null,
      }
    : null;

/** The listing a version froze (stored as JSON in the shape of Listing). */
export function listingFromVersion(version: Pick<VersionRow, 'snapshot'>): Listing {
  const stored = (version.snapshot ?? {}) as Stored;
  const { general, media, compatibility, additional, ...flat } = stored;
  const fields: Partial<Listing> = { ...general, ...media, ...compatibility, ...additional, ...flat };
  return {
    ...EMPTY_LISTING,
    ...fields,
    icon: storedMedia(fields.icon),
    mainImage: storedMedia(fields.mainImage),
    additionalImages: (fields.additionalImages ?? []).map((image) => storedMedia(image)!),
    video: storedMedia(fields.video),
    videoThumbnail: storedMedia(fields.videoThumbnail),
    accountLinking: { ...EMPTY_LISTING.accountLinking, ...fields.accountLinking },
  };
}

type Db = Tx | typeof prisma;

async function readDraftAndAssets(db: Db, appId: string) {
  const [rows, urls] = await Promise.all([loadInfo(appId, db), linkingUrls(db, appId)]);
  return { listing: listingFromDraft(rows, normalizeLinking(urls)), assets: draftAssetUses(rows) };
}

/** The draft as it stands, with both environments' linking URLs (media at the draft's addresses). */
export async function readDraft(db: Db, appId: string): Promise<Listing> {
  return (await readDraftAndAssets(db, appId)).listing;
}

function normalizeLinking(urls: Awaited<ReturnType<typeof linkingUrls>>): Listing['accountLinking'] {
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
 * The questionnaire's answers and the reviewer notes are frozen with it (certification-forms
 * module): a reviewer reads what was submitted, whatever the developer edits afterwards.
 */
export async function freezeVersion(tx: Tx, appId: string, number: number, releaseNotes: string): Promise<VersionRow & { listing: Listing }> {
  const [draft, questionnaire, reviewerNotes] = await Promise.all([
    readDraftAndAssets(tx, appId),
    questionnaireToFreeze(tx, appId),
    reviewerNotesToFreeze(tx, appId),
  ]);
  const version = await tx.appVersion.create({ data: { appId, number, releaseNotes, snapshot: {} } });
  const frozen = await freezeVersionMedia(tx, appId, version.id, draft.assets);
  const urlOf = new Map(frozen.map((file) => [`${file.use.kind}:${file.use.position}`, file.url]));
  const copy = (media: ListingMedia | null, kind: string, position = 0): ListingMedia | null =>
    media ? { ...media, url: urlOf.get(`${kind}:${position}`)! } : null;
  const { listing: draftListing } = draft;
  const listing: Listing = {
    ...draftListing,
    icon: copy(draftListing.icon, 'ICON'),
    mainImage: copy(draftListing.mainImage, 'MAIN_IMAGE'),
    additionalImages: draftListing.additionalImages.map((image, position) => copy(image, 'ADDITIONAL_IMAGE', position)!),
    video: copy(draftListing.video, 'VIDEO'),
    videoThumbnail: copy(draftListing.videoThumbnail, 'VIDEO_THUMBNAIL'),
  };
  // Written once, in the transaction that creates the version: its file copies' ids exist only now.
  const written = await tx.appVersion.update({
    where: { id: version.id },
    data: {
      snapshot: listing as unknown as Prisma.InputJsonObject,
      questionnaire,
      reviewerNotes: reviewerNotes ?? Prisma.DbNull,
    },
  });
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
  return { against, changes: listingChanges(listingFromVersion(against), listingFromVersion(version)) };
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
  if (certified) comparisons.push({ basis: 'LATEST_CERTIFIED', against: certified, changes: listingChanges(listingFromVersion(certified), draft) });
  if (submitted) comparisons.push({ basis: 'SUBMITTED', against: submitted, changes: listingChanges(listingFromVersion(submitted), draft) });
  return comparisons;
}
