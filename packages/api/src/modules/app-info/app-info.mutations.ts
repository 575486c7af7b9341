/**
 * The four save mutations. A field left out keeps its value and `null` clears it. Inputs are
 * validated in the service with the @ring/domain schemas rather than with `.validate()`: files
 * can only be checked by reading them, the contract wants every wrong field (text and files) in
 * one answer, and the schemas' transforms would drop appId and expectedVersion.
 */
import { builder } from '../../builder.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { jsonPointer, type FieldIssue } from '@ring/domain';
import { findAppWith } from '../apps/apps.access.ts';
import { AppRef } from '../apps/apps.type.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { loadInfo } from './app-info.service.ts';
import * as service from './app-info.service.ts';
import { AppInfoRef } from './app-info.type.ts';

export const FieldWarningRef = builder.objectRef<FieldIssue>('FieldWarning').implement({
  description: 'Something saved but worth a look, e.g. an image of another size than recommended.',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'The input field, e.g. ["additionalImages", "2"].' }),
    pointer: t.string({ description: 'The path as a JSON pointer (RFC 6901), e.g. /additionalImages/2.', resolve: (warning) => jsonPointer(warning.path) }),
    message: t.exposeString('message', { description: 'What to look at, in a sentence.' }),
    code: t.exposeString('code', { description: 'A stable code, e.g. NOT_RECOMMENDED_SIZE.' }),
  }),
});

type Saved = { app: { id: string }; warnings: FieldIssue[] };

function successType(name: string, description: string) {
  return builder.objectRef<Saved>(name).implement({
    description,
    fields: (t) => ({
      // Loaded when asked for: the one-statement saves know only the app's id.
      app: t.prismaField({ type: AppRef, description: 'The app.', resolve: (query, saved) => findAppWith(saved.app.id, query) }),
      info: t.field({
        type: AppInfoRef,
        description: 'The app’s information after the save (versions, completeness, status).',
        resolve: (saved) => loadInfo(saved.app.id),
      }),
      warnings: t.field({
        type: [FieldWarningRef],
        description: 'Saved, but worth a look (empty when all is as recommended).',
        resolve: (saved) => saved.warnings,
      }),
    }),
  });
}

const expectedVersionDescription = 'The tab’s version you started from; a save over a newer version is refused with ConflictError. Leave out to overwrite.';
const clears = ' Leave out to keep it; null clears it.';

const SaveGeneralInfoInput = builder.inputType('SaveGeneralInfoInput', {
  description: 'The General tab. Leave a field out to keep its value; send null to clear it.',
  fields: (t) => ({
    appId: t.id({ description: 'The app.' }),
    expectedVersion: t.int({ required: false, description: expectedVersionDescription }),
    publicName: t.string({
      required: false,
      description: `Public name: 7-30 characters; letters, digits, spaces and - ' & . , ! ? : ( ) +; unique among all apps.${clears}`,
    }),
    icon: t.field({ type: 'File', required: false, description: `Icon: PNG or JPEG, exactly 1024x1024, at most 2 MB.${clears}` }),
    shortDescription: t.string({ required: false, description: `Up to 125 characters.${clears}` }),
    detailedDescription: t.string({ required: false, description: `Up to 500 characters.${clears}` }),
    categories: t.stringList({ required: false, description: `One or more catalog category ids.${clears}` }),
    latestRelease: t.string({ required: false, description: `Up to 300 characters.${clears}` }),
  }),
});

const AdditionalImageInput = builder.inputType('AdditionalImageInput', {
  description: 'One additional image: either an image to keep (assetId) or a new upload (file).',
  fields: (t) => ({
    assetId: t.id({ required: false, description: 'The id of one of the app’s current additional images, to keep it at this position.' }),
    file: t.field({ type: 'File', required: false, description: 'A new image: PNG or JPEG, at most 2 MB; 1024x1024 recommended.' }),
  }),
});

const SaveMediaAssetsInput = builder.inputType('SaveMediaAssetsInput', {
  description: 'The Media assets tab. Leave a field out to keep it; send null to remove it.',
  fields: (t) => ({
    appId: t.id({ description: 'The app.' }),
    expectedVersion: t.int({ required: false, description: expectedVersionDescription }),
    mainImage: t.field({ type: 'File', required: false, description: `Main image: PNG or JPEG, at most 2 MB; 1024x1024 recommended.${clears}` }),
    additionalImages: t.field({
      type: [AdditionalImageInput],
      required: false,
      description: `The complete new list of 1-5 additional images in display order: keep, add, replace, remove and reorder in one go.${clears}`,
    }),
    video: t.field({ type: 'File', required: false, description: `Optional video: MP4, at most 30 seconds, at least 720p, at most 5 MB.${clears}` }),
    videoThumbnail: t.field({ type: 'File', required: false, description: `Optional video thumbnail: PNG or JPEG, at most 2 MB.${clears}` }),
  }),
});

const SaveCompatibilityInfoInput = builder.inputType('SaveCompatibilityInfoInput', {
  description: 'The Compatibility tab. Leave a field out to keep its value; send null to clear it.',
  fields: (t) => ({
    appId: t.id({ description: 'The app.' }),
    expectedVersion: t.int({ required: false, description: expectedVersionDescription }),
    features: t.string({ required: false, description: `Key features, up to 400 characters.${clears}` }),
    requirements: t.string({ required: false, description: `Technical requirements, up to 500 characters.${clears}` }),
    customerTypes: t.stringList({ required: false, description: `Catalog customer type ids.${clears}` }),
    supportedDevices: t.stringList({ required: false, description: `Catalog device ids.${clears}` }),
    cameraTypes: t.stringList({ required: false, description: `Catalog camera type ids.${clears}` }),
  }),
});

const SaveAdditionalInfoInput = builder.inputType('SaveAdditionalInfoInput', {
  description: 'The Additional tab. Leave a field out to keep its value; send null to clear it.',
  fields: (t) => ({
    appId: t.id({ description: 'The app.' }),
    expectedVersion: t.int({ required: false, description: expectedVersionDescription }),
    developerInfo: t.string({ required: false, description: `Company or organisation, up to 400 characters.${clears}` }),
    websiteUrl: t.string({ required: false, description: `https URL, at most 2,048 characters.${clears}` }),
    supportUrl: t.string({ required: false, description: `https URL, at most 2,048 characters.${clears}` }),
    privacyPolicyUrl: t.string({ required: false, description: `https URL, at most 2,048 characters.${clears}` }),
    termsOfServiceUrl: t.string({ required: false, description: `https URL, at most 2,048 characters.${clears}` }),
  }),
});

const SaveGeneralInfoSuccess = successType('SaveGeneralInfoSuccess', 'The General tab is saved.');
const SaveMediaAssetsSuccess = successType(
  'SaveMediaAssetsSuccess',
  'The Media assets tab is saved; see warnings for images of another size than recommended.',
);
const SaveCompatibilityInfoSuccess = successType('SaveCompatibilityInfoSuccess', 'The Compatibility tab is saved.');
const SaveAdditionalInfoSuccess = successType('SaveAdditionalInfoSuccess', 'The Additional tab is saved.');

developerMutation('saveGeneralInfo', {
  type: SaveGeneralInfoSuccess,
  input: SaveGeneralInfoInput,
  description: 'Saves the General tab. ConflictError for a stale expectedVersion or a public name another app uses.',
  errors: [NotFoundError, ConflictError],
  resolve: (input, context) => service.saveGeneral(context.viewer, { ...input, appId: String(input.appId) }),
});

developerMutation('saveMediaAssets', {
  type: SaveMediaAssetsSuccess,
  input: SaveMediaAssetsInput,
  description: 'Saves the Media assets tab. Files are checked from their bytes (never their names); a refused save stores nothing.',
  errors: [NotFoundError, ConflictError],
  resolve: (input, context) =>
    service.saveMedia(context.viewer, {
      ...input,
      appId: String(input.appId),
      additionalImages: input.additionalImages?.map((item) => ({ assetId: item.assetId == null ? item.assetId : String(item.assetId), file: item.file })),
    }),
});

developerMutation('saveCompatibilityInfo', {
  type: SaveCompatibilityInfoSuccess,
  input: SaveCompatibilityInfoInput,
  description: 'Saves the Compatibility tab.',
  errors: [NotFoundError, ConflictError],
  resolve: (input, context) => service.saveCompatibility(context.viewer, { ...input, appId: String(input.appId) }),
});

developerMutation('saveAdditionalInfo', {
  type: SaveAdditionalInfoSuccess,
  input: SaveAdditionalInfoInput,
  description: 'Saves the Additional tab.',
  errors: [NotFoundError, ConflictError],
  resolve: (input, context) => service.saveAdditional(context.viewer, { ...input, appId: String(input.appId) }),
});
