import { builder } from '../../builder.ts';
import { AppRef } from '../apps/apps.type.ts';
import { SectionStatusEnum } from '../lifecycle/lifecycle.type.ts';
import { MediaAssetRef } from '../media/media.type.ts';
import { APP_INFO_FACTS_SELECT } from './app-info.facts.ts';
import { infoFromRows, type LoadedInfo } from './app-info.service.ts';

type Tab = { version: number; savedAt: Date | null } | null;
interface TabView<Row extends Tab> {
  row: Row;
  missing: string[];
}

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

// The four tabs share these fields.
function tabFields<Row extends Tab>(t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, TabView<Row>>) {
  return {
    version: t.int({
      description: 'Increases with every save; pass it as expectedVersion to refuse overwriting someone else’s save. 0 before the first.',
      resolve: (tab: TabView<Row>) => tab.row?.version ?? 0,
    }),
    savedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the tab was last saved (null before the first save).',
      resolve: (tab: TabView<Row>) => tab.row?.savedAt ?? null,
    }),
    complete: t.boolean({ description: 'Every required field of the tab has a value.', resolve: (tab: TabView<Row>) => tab.missing.length === 0 }),
    missing: t.stringList({ description: 'Input field names of the required fields still without a value.', resolve: (tab: TabView<Row>) => tab.missing }),
  };
}

type GeneralView = TabView<LoadedInfo['general']>;
const GeneralInfoRef = builder.objectRef<GeneralView>('GeneralInfo').implement({
  description: 'The General tab: how the app is listed.',
  fields: (t) => ({
    ...tabFields(t),
    publicName: t.string({
      nullable: true,
      description: 'The name shown in the Appstore (7-30 characters, unique).',
      resolve: (tab) => tab.row?.publicName ?? null,
    }),
    icon: t.field({ type: MediaAssetRef, nullable: true, description: 'The 1024x1024 app icon.', resolve: (tab) => tab.row?.icon ?? null }),
    shortDescription: t.string({
      nullable: true,
      description: 'One-sentence summary (up to 125 characters).',
      resolve: (tab) => tab.row?.shortDescription ?? null,
    }),
    detailedDescription: t.string({
      nullable: true,
      description: 'Key features and setup (up to 500 characters).',
      resolve: (tab) => tab.row?.detailedDescription ?? null,
    }),
    categories: t.stringList({ description: 'Catalog category ids.', resolve: (tab) => tab.row?.categories ?? [] }),
    latestRelease: t.string({
      nullable: true,
      description: 'What is new in this version (up to 300 characters).',
      resolve: (tab) => tab.row?.latestRelease ?? null,
    }),
  }),
});

type MediaView = TabView<LoadedInfo['media']>;
const MediaInfoRef = builder.objectRef<MediaView>('MediaInfo').implement({
  description: 'The Media assets tab: images and video of the listing.',
  fields: (t) => ({
    ...tabFields(t),
    mainImage: t.field({ type: MediaAssetRef, nullable: true, description: 'The Appstore main image.', resolve: (tab) => tab.row?.mainImage ?? null }),
    additionalImages: t.field({
      type: [MediaAssetRef],
      description: 'The 1-5 additional images, in display order.',
      resolve: (tab) => tab.row?.additionalImages.map((image) => image.asset) ?? [],
    }),
    video: t.field({ type: MediaAssetRef, nullable: true, description: 'The optional MP4 video.', resolve: (tab) => tab.row?.video ?? null }),
    videoThumbnail: t.field({
      type: MediaAssetRef,
      nullable: true,
      description: 'The optional video thumbnail.',
      resolve: (tab) => tab.row?.videoThumbnail ?? null,
    }),
  }),
});

type CompatibilityView = TabView<LoadedInfo['compatibility']>;
const CompatibilityInfoRef = builder.objectRef<CompatibilityView>('CompatibilityInfo').implement({
  description: 'The Compatibility tab: technical scope, used for Appstore filtering.',
  fields: (t) => ({
    ...tabFields(t),
    features: t.string({ nullable: true, description: 'Key features (up to 400 characters).', resolve: (tab) => tab.row?.features ?? null }),
    requirements: t.string({ nullable: true, description: 'Technical requirements (up to 500 characters).', resolve: (tab) => tab.row?.requirements ?? null }),
    customerTypes: t.stringList({ description: 'Catalog customer type ids.', resolve: (tab) => tab.row?.customerTypes ?? [] }),
    supportedDevices: t.stringList({ description: 'Catalog device ids.', resolve: (tab) => tab.row?.supportedDevices ?? [] }),
    cameraTypes: t.stringList({ description: 'Catalog camera type ids.', resolve: (tab) => tab.row?.cameraTypes ?? [] }),
  }),
});

type AdditionalView = TabView<LoadedInfo['additional']>;
const AdditionalInfoRef = builder.objectRef<AdditionalView>('AdditionalInfo').implement({
  description: 'The Additional tab: developer and legal information.',
  fields: (t) => ({
    ...tabFields(t),
    developerInfo: t.string({
      nullable: true,
      description: 'Company or organisation (up to 400 characters).',
      resolve: (tab) => tab.row?.developerInfo ?? null,
    }),
    websiteUrl: t.string({ nullable: true, description: 'Website (https).', resolve: (tab) => tab.row?.websiteUrl ?? null }),
    supportUrl: t.string({ nullable: true, description: 'Support page (https).', resolve: (tab) => tab.row?.supportUrl ?? null }),
    privacyPolicyUrl: t.string({ nullable: true, description: 'Privacy policy (https).', resolve: (tab) => tab.row?.privacyPolicyUrl ?? null }),
    termsOfServiceUrl: t.string({ nullable: true, description: 'Terms of service (https).', resolve: (tab) => tab.row?.termsOfServiceUrl ?? null }),
  }),
});

export const AppInfoRef = builder.objectRef<LoadedInfo>('AppInfo').implement({
  description: 'App Information: four tabs, each saved on its own.',
  fields: (t) => ({
    general: t.field({ type: GeneralInfoRef, description: 'The General tab.', resolve: (info) => ({ row: info.general, missing: info.missing.general }) }),
    media: t.field({ type: MediaInfoRef, description: 'The Media assets tab.', resolve: (info) => ({ row: info.media, missing: info.missing.media }) }),
    compatibility: t.field({
      type: CompatibilityInfoRef,
      description: 'The Compatibility tab.',
      resolve: (info) => ({ row: info.compatibility, missing: info.missing.compatibility }),
    }),
    additional: t.field({
      type: AdditionalInfoRef,
      description: 'The Additional tab.',
      resolve: (info) => ({ row: info.additional, missing: info.missing.additional }),
    }),
    status: t.field({
      type: SectionStatusEnum,
      description: 'COMPLETE when all four tabs are complete.',
      resolve: (info) => (Object.values(info.missing).every((missing) => missing.length === 0) ? ('COMPLETE' as const) : ('PENDING' as const)),
    }),
  }),
});

// `select`: the tab rows load with the app itself, in the same statement as the lifecycle's
// facts (the same selection), also for every app of a connection: App.info costs no statement
// of its own (test/api/sql-per-request.test.ts).
builder.prismaObjectFields(AppRef, (t) => ({
  info: t.field({
    type: AppInfoRef,
    description: 'App Information: the Appstore listing in four tabs.',
    select: APP_INFO_FACTS_SELECT,
    resolve: (app) => infoFromRows(app.id, app),
  }),
}));
