/**
 * applyAppDefinition and App.definition: an app's Configure data as one JSON document, for
 * tools (see app-definition.service.ts and @ring/domain's app-definition.ts for the format).
 */
import { builder } from '../../builder.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { FieldWarningRef } from '../app-info/app-info.mutations.ts';
import { AppRef } from '../apps/apps.type.ts';
import { developerMutation } from '../shared/developer-mutation.ts';
import { applyDefinition, exportDefinition, type ApplyDefinitionResult, type DefinitionChange } from './app-definition.service.ts';

const DefinitionFileInput = builder.inputType('AppDefinitionFileInput', {
  description: 'A media file sent with an app definition (GraphQL multipart request): the definition names it by `path`.',
  fields: (t) => ({
    path: t.string({ description: 'The reference the definition uses for this file, e.g. "media/icon.png".' }),
    file: t.field({ type: 'File', description: 'The file’s bytes. Checked from the bytes, as the tab saves check them.' }),
  }),
});

const ApplyAppDefinitionInput = builder.inputType('ApplyAppDefinitionInput', {
  description: 'An app definition to apply to one of your apps.',
  fields: (t) => ({
    appId: t.id({ description: 'The app.' }),
    definition: t.field({
      type: 'JSON',
      description:
        'The definition (format version 1, JSON Schema in app-definition.schema.json): appInfo (general, media, compatibility, additional) and accountLinking (staging, production). A field left out keeps its value; null clears it.',
    }),
    files: t.field({
      type: [DefinitionFileInput],
      required: false,
      description:
        'The new media files the definition names, each under the reference it uses. Media the app already has may instead be named by their URL (as exported) or sha256:<hex>.',
    }),
    dryRun: t.boolean({
      required: false,
      description: 'Check everything and answer the changes it would make, but write nothing. Default false.',
    }),
  }),
});

const DefinitionChangeRef = builder.objectRef<DefinitionChange>('AppDefinitionChange').implement({
  description: 'One field whose saved value differs from the definition’s.',
  fields: (t) => ({
    pointer: t.exposeString('pointer', { description: 'The field, as a JSON pointer into the definition, e.g. /appInfo/general/shortDescription.' }),
    before: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The saved value (media as their URL; null when empty).',
      resolve: (change) => change.before,
    }),
    after: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The definition’s value (media as the definition names them).',
      resolve: (change) => change.after,
    }),
  }),
});

const ApplyAppDefinitionSuccess = builder.objectRef<ApplyDefinitionResult>('ApplyAppDefinitionSuccess').implement({
  description: 'The definition is valid and applied (or, for a dry run, would be). Applying it again changes nothing.',
  fields: (t) => ({
    app: t.field({ type: AppRef, description: 'The app.', resolve: (result) => result.app as never }),
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written.' }),
    changed: t.boolean({
      description: 'Whether anything differed (for a dry run: would change). False: the app already matches the definition.',
      resolve: (result) => result.changes.length > 0,
    }),
    changes: t.field({
      type: [DefinitionChangeRef],
      description: 'Every field that differed, in definition order; empty when nothing did.',
      resolve: (result) => result.changes,
    }),
    warnings: t.field({
      type: [FieldWarningRef],
      description: 'Accepted, but worth a look (e.g. an image of another size than recommended), at paths into the definition.',
      resolve: (result) => result.warnings,
    }),
  }),
});

developerMutation('applyAppDefinition', {
  type: ApplyAppDefinitionSuccess,
  input: ApplyAppDefinitionInput,
  description:
    'Applies an app definition in one transaction: every problem is answered first (ValidationError, paths into the definition), and then either all of it is saved or nothing (a taken public name is ConflictError at ["appInfo","general","publicName"]).',
  errors: [NotFoundError, ConflictError],
  resolve: (input, context) =>
    applyDefinition(context.viewer, {
      appId: String(input.appId),
      definition: input.definition,
      files: input.files?.map((item) => ({ path: item.path, file: item.file })),
      dryRun: input.dryRun,
    }),
});

builder.prismaObjectFields(AppRef, (t) => ({
  definition: t.field({
    type: 'JSON',
    description: 'The app’s Configure data as an app definition (version 1), media as their URLs: applying it back changes nothing.',
    resolve: (app) => exportDefinition(app.id),
  }),
}));
