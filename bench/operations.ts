/**
 * The operations the benchmark sends. The console's own documents come from @ring/client;
 * these two ask for everything a tool could nest under an app, which no console page does.
 */
import { print } from 'graphql';
import { AppInfoPage_SaveCompatibilityInfoDocument } from '@ring/client';

const APP_EVERYTHING = /* GraphQL */ `
  fragment Bench_Asset on MediaAsset { id url contentType byteSize width height durationMs createdAt }
  fragment Bench_Linking on AccountLinkingSettings { environment version savedAt complete missing authorizationUrl appHomepageUrl tokenExchangeUrl webhookUrl }
  fragment Bench_App on App {
    id name publicName createdAt publishedAt currentStep
    lifecycle { step status }
    overview { configure { appInformation accountLinking } }
    credentials { clientIdHint issuedAt }
    info {
      status
      general { version savedAt complete missing publicName shortDescription detailedDescription categories latestRelease icon { ...Bench_Asset } }
      media { version savedAt complete missing mainImage { ...Bench_Asset } additionalImages { ...Bench_Asset } video { ...Bench_Asset } videoThumbnail { ...Bench_Asset } }
      compatibility { version savedAt complete missing features requirements customerTypes supportedDevices cameraTypes }
      additional { version savedAt complete missing developerInfo websiteUrl supportUrl privacyPolicyUrl termsOfServiceUrl }
    }
    accountLinking { status staging { ...Bench_Linking } production { ...Bench_Linking } }
  }
`;

/** One app with lifecycle, all four tabs and both account linking environments: the overview a tool asks for. */
export const APP_OVERVIEW = `query Bench_AppOverview($id: ID!) { app(id: $id) { __typename ... on App { ...Bench_App } } }\n${APP_EVERYTHING}`;

/** A page of apps with every tab nested. */
export const APPS_EVERYTHING = `query Bench_AppsEverything($first: Int!) { viewer { apps(first: $first) { totalCount edges { node { ...Bench_App } } } } }\n${APP_EVERYTHING}`;

/** The tab save: the Compatibility tab, as the console sends it. */
export const SAVE_COMPATIBILITY = print(AppInfoPage_SaveCompatibilityInfoDocument);
