/**
 * The operations the benchmark sends. The console's own documents come from @ring/client;
 * these two ask for everything a tool could nest under an app, which no console page does.
 */
import { print } from 'graphql';
import { AppInfoPage_SaveCompatibilityInfoDocument } from '@ring/client';

// The asset and linking fields are written out, not spread from fragments: the API's cost rule
// counts a fragment spread a level deeper, which put the same fields over its limit (111,600
// against 100,000; written out: 81,900).
const ASSET = 'id url contentType byteSize width height durationMs createdAt';
const LINKING = 'environment version savedAt complete missing authorizationUrl appHomepageUrl tokenExchangeUrl webhookUrl';
const APP_EVERYTHING = /* GraphQL */ `
  fragment Bench_App on App {
    id name publicName createdAt publishedAt currentStep
    lifecycle { step status }
    overview { configure { appInformation accountLinking } }
    credentials { clientIdHint issuedAt }
    info {
      status
      general { version savedAt complete missing publicName shortDescription detailedDescription categories latestRelease icon { ${ASSET} } }
      media { version savedAt complete missing mainImage { ${ASSET} } additionalImages { ${ASSET} } video { ${ASSET} } videoThumbnail { ${ASSET} } }
      compatibility { version savedAt complete missing features requirements customerTypes supportedDevices cameraTypes }
      additional { version savedAt complete missing developerInfo websiteUrl supportUrl privacyPolicyUrl termsOfServiceUrl }
    }
    accountLinking { status staging { ${LINKING} } production { ${LINKING} } }
  }
`;

/** One app with lifecycle, all four tabs and both account linking environments: the overview a tool asks for. */
export const APP_OVERVIEW = `query Bench_AppOverview($id: ID!) { app(id: $id) { __typename ... on App { ...Bench_App } } }\n${APP_EVERYTHING}`;

/** A page of apps with every tab nested. */
export const APPS_EVERYTHING = `query Bench_AppsEverything($first: Int!) { viewer { apps(first: $first) { totalCount edges { node { ...Bench_App } } } } }\n${APP_EVERYTHING}`;

/** The tab save: the Compatibility tab, as the console sends it. */
export const SAVE_COMPATIBILITY = print(AppInfoPage_SaveCompatibilityInfoDocument);

/**
 * The same reads in PostGraphile 5's generated schema (the anchor): the same tables and columns,
 * by UUID and developer instead of through a token (PostGraphile runs without auth here).
 */
const PG_EVERYTHING = /* GraphQL */ `
  fragment PgAsset on MediaAsset { rowId contentType byteSize width height durationMs createdAt }
  fragment PgLinking on AccountLinking { environment version savedAt authorizationUrl appHomepageUrl tokenExchangeUrl webhookUrl }
  fragment PgApp on App {
    rowId name createdAt publishedAt buildCompletedAt testCompletedAt certifiedAt
    credentialByAppId { clientId issuedAt }
    generalInfoByAppId { version savedAt publicName shortDescription detailedDescription categories latestRelease mediaAssetByIconId { ...PgAsset } }
    mediaInfoByAppId {
      version savedAt
      mediaAssetByMainImageId { ...PgAsset } mediaAssetByVideoId { ...PgAsset } mediaAssetByVideoThumbnailId { ...PgAsset }
      additionalImagesByAppId(orderBy: POSITION_ASC) { nodes { position mediaAssetByAssetId { ...PgAsset } } }
    }
    compatibilityInfoByAppId { version savedAt features requirements customerTypes supportedDevices cameraTypes }
    additionalInfoByAppId { version savedAt developerInfo websiteUrl supportUrl privacyPolicyUrl termsOfServiceUrl }
    accountLinkingsByAppId(orderBy: PRIMARY_KEY_ASC) { nodes { ...PgLinking } }
  }
`;
export const PG_APP_OVERVIEW = `query PgOverview($id: UUID!) { appByRowId(rowId: $id) { ...PgApp } }\n${PG_EVERYTHING}`;
export const PG_APPS_EVERYTHING = `query PgApps($developerId: UUID!, $first: Int!) { developerByRowId(rowId: $developerId) { appsByDeveloperId(first: $first, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) { totalCount nodes { ...PgApp } } } }\n${PG_EVERYTHING}`;
