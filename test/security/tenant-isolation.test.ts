/**
 * Tenant isolation, found by walking the schema rather than by remembering operations.
 *
 * Every Query and Mutation field that takes an id (an argument, or a field of its input at
 * any depth, of type ID or named like `id`/`appId`) is called by a second developer against
 * the first developer's objects. It must answer NotFoundError (for `node`: null), exactly as
 * for an id that does not exist, and the database must be unchanged (every table, every row).
 * The owner then makes the same call, which must NOT be NotFoundError: this proves the
 * example input is valid, so the refusal above was about ownership and nothing else.
 *
 * HOW TO COVER A NEW OPERATION (the test fails, naming it, until you do):
 * add one entry to EXAMPLES below, keyed by the field name, e.g.
 *
 *   // The fixture app's Configure is not complete: the owner gets past ownership to a
  // ValidationError naming what is missing (and an open submission exists anyway).
  submitForCertification: { args: (f) => ({ input: { appId: f.app, releaseNotes: 'Isolation test release.', acknowledge: true } }), ownerMayGet: ['ValidationError'] },
  withdrawCertification: { args: (f) => ({ input: { submissionId: f.submission, reason: 'OTHER', message: 'Isolation test.' } }) },
  // REVIEWER-only: a plain developer gets ForbiddenError, and so does the owner, a plain developer.
  claimReview: { args: (f) => ({ input: { submissionId: f.submission } }), alsoAccept: ['ForbiddenError'], ownerControl: false },
  approveCertification: { args: (f) => ({ input: { submissionId: f.submission } }), alsoAccept: ['ForbiddenError'], ownerControl: false },
  requestChanges: {
    args: (f) => ({ input: { submissionId: f.submission, findings: [{ area: 'LISTING', field: 'shortDescription', message: 'Isolation test finding.' }] } }),
    alsoAccept: ['ForbiddenError'],
    ownerControl: false,
  },
  saveGeneralInfo: { args: (f) => ({ input: { appId: f.app, publicName: 'Isolation test', ... } }) },
 *
 * - `args(f)` returns the field's arguments (for a mutation, `{ input: {...} }`). Use the
 *   first developer's objects from `f`: `f.app` (their app's global id), `f.apiToken`,
 *   `f.developer`. Give a complete, VALID input: the validation plugin answers
 *   ValidationError before the resolver runs, and the owner's control call checks validity.
 *   Return an array of argument objects to try several (node tries each kind of object).
 * - The document is generated from the schema: `field(<args>) { __typename ... on Error { message } }`.
 * - `expect: 'null'` for fields that answer null rather than NotFoundError (node).
 * - `alsoAccept: ['ForbiddenError']` when a role check may answer first (reissueCredentials
 *   is SUPPORT-only; the second developer is a plain developer).
 * - `ownerControl: false` only when the owner cannot succeed either (say why in a comment);
 *   `ownerMayGet: ['ValidationError']` when the owner's fixture lacks some state the call needs
 *   (the answer still shows that ownership was passed).
 * - To give the first developer more objects (a media asset, a webhook...), create them in
 *   `ownerFixtures()` and add their global ids to `Fixtures`.
 * Entries for fields that do not exist (yet) are ignored, so entries can land before the field.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  isInputObjectType,
  isLeafType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { schema, CSRF_HEADER } from '@ring/api';
import { prisma } from '@ring/db';
import { createTestDatabase, dropDatabase } from '@ring/db/testing';
import { api, newDeveloper } from '../support/api.ts';
import { insertApp } from '../support/apps.ts';
import { dumpDatabase } from '../support/dump.ts';

// A database of this file's own: the before/after comparison covers every table, and tests
// in other files write to the shared one in parallel.
const adminUrl = inject('adminUrl');
const databaseUrl = await createTestDatabase(adminUrl, 'isolation');
process.env.DATABASE_URL = databaseUrl;

interface Fixtures {
  developer: string;
  app: string;
  apiToken: string;
  webhookDelivery: string;
  /** An open (UNDER_REVIEW) certification submission of the app, and its version. */
  submission: string;
  version: string;
  /** A CERTIFIED v2 of the app, and its gradual rollout IN_PROGRESS at 10 %. */
  certifiedVersion: string;
  rollout: string;
}

interface Example {
  args: (f: Fixtures) => Record<string, unknown> | Record<string, unknown>[];
  expect?: 'NotFoundError' | 'null';
  alsoAccept?: string[];
  ownerControl?: false;
  /** Typenames the owner's control call may answer besides a success (never NotFoundError). */
  ownerMayGet?: string[];
}

const EXAMPLES: Record<string, Example> = {
  node: { args: (f) => [{ id: f.app }, { id: f.apiToken }, { id: f.developer }, { id: f.submission }, { id: f.version }, { id: f.rollout }], expect: 'null' },
  revokeApiToken: { args: (f) => ({ input: { id: f.apiToken } }) },
  app: { args: (f) => ({ id: f.app }) },
  // Reviewers read any submission; a developer only their apps'.
  certificationSubmission: { args: (f) => ({ id: f.submission }) },
  renameApp: { args: (f) => ({ input: { appId: f.app, name: 'Renamed by isolation test' } }) },
  deleteApp: { args: (f) => ({ input: { appId: f.app } }) },
  // SUPPORT-only, and support staff may reissue any app's credentials: a plain developer
  // gets ForbiddenError (or NotFoundError), and the owner, a plain developer, cannot either.
  reissueCredentials: {
    args: (f) => ({ input: { appId: f.app, reason: 'Developer lost the client secret' } }),
    alsoAccept: ['ForbiddenError'],
    ownerControl: false,
  },
  // SUPPORT-only, like reissueCredentials: a plain developer (owner or not) gets ForbiddenError.
  supportApp: { args: (f) => ({ id: f.app }), alsoAccept: ['ForbiddenError'], ownerControl: false },
  // A definition touching a tab and an environment: the other developer must not change (or learn) either.
  applyAppDefinition: {
    args: (f) => ({
      input: {
        appId: f.app,
        definition: {
          version: 1,
          appInfo: { additional: { developerInfo: 'Isolation test' } },
          accountLinking: {
            staging: {
              authorizationUrl: 'https://auth.example.com/authorize',
              appHomepageUrl: 'https://www.example.com/',
              tokenExchangeUrl: 'https://auth.example.com/token',
              webhookUrl: 'https://hooks.example.com/ring',
            },
          },
        },
      },
    }),
  },
  saveAccountLinking: {
    args: (f) => ({
      input: {
        appId: f.app,
        environment: 'STAGING',
        authorizationUrl: 'https://auth.example.com/authorize',
        appHomepageUrl: 'https://www.example.com/',
        tokenExchangeUrl: 'https://auth.example.com/token',
        webhookUrl: 'https://hooks.example.com/ring',
      },
    }),
  },
  // The fixture app has no saved webhook URL, so the owner gets past ownership to a
  // ValidationError (NO_WEBHOOK_URL) and nothing is sent anywhere.
  sendTestWebhook: { args: (f) => ({ input: { appId: f.app, environment: 'STAGING', eventType: 'BUTTON_PRESS' } }), ownerMayGet: ['ValidationError'] },
  // Likewise: the owner's redelivery passes ownership and stops at the missing webhook URL.
  redeliverWebhook: { args: (f) => ({ input: { deliveryId: f.webhookDelivery } }), ownerMayGet: ['ValidationError'] },
  // The fixture app has no saved linking URLs: the owner gets ValidationError (LINKING_URLS_MISSING), nothing is called.
  runEndpointChecks: { args: (f) => ({ input: { appId: f.app, environment: 'STAGING' } }), ownerMayGet: ['ValidationError'] },
  // No staging run yet: the owner gets ConflictError naming what is missing.
  completeBuild: { args: (f) => ({ input: { appId: f.app } }), ownerMayGet: ['ConflictError'] },
  // The fixture app has no saved linking URLs: the owner gets past ownership to a
  // ValidationError naming them, and no code is sent anywhere.
  startLinkRehearsal: { args: (f) => ({ input: { appId: f.app, environment: 'STAGING' } }), ownerMayGet: ['ValidationError'] },
  // The owner gets TestIncompleteError (nothing rehearsed yet), past ownership.
  completeTest: { args: (f) => ({ input: { appId: f.app, acknowledgeLinkingTested: true } }) },
  // The fixture app's Configure is not complete: the owner gets past ownership to a
  // ValidationError naming what is missing (and an open submission exists anyway).
  submitForCertification: {
    args: (f) => ({ input: { appId: f.app, releaseNotes: 'Isolation test release.', acknowledge: true } }),
    ownerMayGet: ['ValidationError'],
  },
  withdrawCertification: { args: (f) => ({ input: { submissionId: f.submission, reason: 'OTHER', message: 'Isolation test.' } }) },
  // Publish. The fixture app's rollout is in progress, so the owner's start is a ConflictError
  // (one rollout at a time), and resume, rollback (the first rollout: no previous version),
  // promote and a beta invite (not a beta) are ConflictErrors too: past ownership either way.
  startRollout: {
    args: (f) => ({ input: { appId: f.app, versionId: f.certifiedVersion, distribution: { nationwide: true, states: [] }, strategy: 'GRADUAL', percent: 5 } }),
    ownerMayGet: ['ConflictError'],
  },
  updateRolloutPercent: { args: (f) => ({ input: { rolloutId: f.rollout, percent: 20 } }) },
  pauseRollout: { args: (f) => ({ input: { rolloutId: f.rollout } }) },
  resumeRollout: { args: (f) => ({ input: { rolloutId: f.rollout } }), ownerMayGet: ['ConflictError'] },
  rollbackRollout: { args: (f) => ({ input: { rolloutId: f.rollout, reason: 'Isolation test.' } }), ownerMayGet: ['ConflictError'] },
  promoteRollout: { args: (f) => ({ input: { rolloutId: f.rollout, strategy: 'FULL' } }), ownerMayGet: ['ConflictError'] },
  createBetaInvite: { args: (f) => ({ input: { rolloutId: f.rollout } }), ownerMayGet: ['ConflictError'] },
  // REVIEWER-only: a plain developer gets ForbiddenError, and so does the owner, a plain developer.
  claimReview: { args: (f) => ({ input: { submissionId: f.submission } }), alsoAccept: ['ForbiddenError'], ownerControl: false },
  approveCertification: { args: (f) => ({ input: { submissionId: f.submission } }), alsoAccept: ['ForbiddenError'], ownerControl: false },
  requestChanges: {
    args: (f) => ({ input: { submissionId: f.submission, findings: [{ area: 'LISTING', field: 'shortDescription', message: 'Isolation test finding.' }] } }),
    alsoAccept: ['ForbiddenError'],
    ownerControl: false,
  },
  saveGeneralInfo: {
    args: (f) => ({
      input: {
        appId: f.app,
        publicName: 'Isolation test',
        shortDescription: 'Short.',
        detailedDescription: 'Long.',
        categories: ['PETS'],
        latestRelease: 'First.',
      },
    }),
  },
  // Files travel as multipart uploads, which this JSON walk does not send; removing the
  // optional video and thumbnail is a valid media save without any.
  saveMediaAssets: { args: (f) => ({ input: { appId: f.app, video: null, videoThumbnail: null } }) },
  saveCompatibilityInfo: {
    args: (f) => ({
      input: {
        appId: f.app,
        features: 'Alerts.',
        requirements: 'A doorbell.',
        customerTypes: ['HOMEOWNER'],
        supportedDevices: ['VIDEO_DOORBELL_4'],
        cameraTypes: ['DOORBELL'],
      },
    }),
  },
  saveAdditionalInfo: {
    args: (f) => ({
      input: {
        appId: f.app,
        developerInfo: 'Acme',
        websiteUrl: 'https://example.com',
        supportUrl: 'https://example.com/support',
        privacyPolicyUrl: 'https://example.com/privacy',
        termsOfServiceUrl: 'https://example.com/terms',
      },
    }),
  },
  saveQuestionnaireTab: {
    args: (f) => ({
      input: { appId: f.app, tab: 'THIRD_PARTIES', expectedVersion: 0, answers: [{ questionId: 'uses_subprocessors', value: ['no'] }] },
    }),
  },
  saveReviewerNotes: {
    args: (f) => ({
      input: {
        appId: f.app,
        expectedVersion: 0,
        testingInstructions: 'Sign in and press the doorbell.',
        testAccount: 'isolation@example.com / password-123',
        otherNotes: 'Nothing else to know about it.',
      },
    }),
  },
};

const OWNED_ID_NAME = /^(id|.*Id)$/;

/** True when this input type reaches an id field at any depth. */
function inputTakesId(name: string, type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID' || (OWNED_ID_NAME.test(name) && isLeafType(named))) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => inputTakesId(field.name, field.type, seen));
}

const rootFields = (['Query', 'Mutation'] as const).flatMap((root) => {
  const type = root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
  return Object.values(type.getFields()).map((field) => ({ root, field }));
});
const ownedIdFields = rootFields.filter(({ field }) => field.args.some((arg) => inputTakesId(arg.name, arg.type)));

function documentFor(root: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>, args: readonly GraphQLArgument[]): string {
  const variables = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const returns = getNamedType(field.type);
  const possible = isAbstractType(returns) ? schema.getPossibleTypes(returns) : isObjectType(returns) ? [returns] : [];
  const canBeError = possible.some((type) => type.getInterfaces().some((iface) => iface.name === 'Error'));
  const selection = isLeafType(returns) ? '' : `{ __typename ${canBeError ? '... on Error { message }' : ''} }`;
  return `${root === 'Query' ? 'query' : 'mutation'} Isolation${variables ? `(${variables})` : ''} { result: ${field.name}${passed ? `(${passed})` : ''} ${selection} }`;
}

async function call(document: string, variables: Record<string, unknown>, cookie: string) {
  const response = await api.fetch(
    'http://yoga/graphql',
    { method: 'POST', headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', cookie }, body: JSON.stringify({ query: document, variables }) },
    { clientAddress: '127.0.0.1' },
  );
  return (await response.json()) as {
    data?: { result: { __typename?: string; message?: string } | null } | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

async function ownerFixtures() {
  const owner = await newDeveloper('owner');
  const app = await insertApp(owner.id, 'Owner app');
  const token = await prisma.apiToken.findFirstOrThrow({ where: { developer: { email: owner.email } } });
  const delivery = await prisma.webhookDelivery.create({
    data: {
      appId: app.id,
      environment: 'STAGING',
      eventType: 'BUTTON_PRESS',
      url: 'https://hooks.example.com/ring',
      durationMs: 5,
      statusCode: 200,
      requestBody: '{}',
      requestHeaders: [],
    },
  });
  const version = await prisma.appVersion.create({ data: { appId: app.id, number: 1, releaseNotes: 'Isolation fixture.', snapshot: {} } });
  const submission = await prisma.certificationSubmission.create({
    data: { appId: app.id, versionId: version.id, submittedById: app.developerId, status: 'UNDER_REVIEW' },
  });
  const certified = await prisma.appVersion.create({
    data: {
      appId: app.id,
      number: 2,
      releaseNotes: 'Isolation fixture.',
      snapshot: {},
      submission: { create: { appId: app.id, submittedById: app.developerId, status: 'CERTIFIED', decidedAt: new Date() } },
    },
  });
  const rollout = await prisma.rollout.create({
    data: {
      appId: app.id,
      versionId: certified.id,
      strategy: 'GRADUAL',
      status: 'IN_PROGRESS',
      percent: 10,
      nationwide: true,
      states: [],
      startedById: app.developerId,
    },
  });
  const fixtures: Fixtures = {
    developer: owner.id,
    app: app.globalId,
    apiToken: encodeGlobalID('ApiToken', token.id),
    webhookDelivery: encodeGlobalID('WebhookDelivery', delivery.id),
    submission: encodeGlobalID('CertificationSubmission', submission.id),
    version: encodeGlobalID('AppVersion', version.id),
    certifiedVersion: encodeGlobalID('AppVersion', certified.id),
    rollout: encodeGlobalID('Rollout', rollout.id),
  };
  return { owner, fixtures };
}

beforeAll(async () => {
  const [database] = await prisma.$queryRaw<{ current: string }[]>`SELECT current_database() AS current`;
  expect(database?.current).toBe(new URL(databaseUrl).pathname.slice(1));
});

afterAll(async () => {
  await prisma.$disconnect();
  await dropDatabase(adminUrl, databaseUrl).catch(() => undefined);
});

describe('tenant isolation (schema walk)', () => {
  it('finds the operations that take an id (the walk itself works)', () => {
    const names = ownedIdFields.map(({ field }) => field.name);
    expect(names).toContain('node');
    expect(names).toContain('revokeApiToken');
    expect(names).toEqual(
      expect.arrayContaining([
        'redeliverWebhook',
        'app',
        'renameApp',
        'deleteApp',
        'reissueCredentials',
        'saveAccountLinking',
        'sendTestWebhook',
        'startLinkRehearsal',
        'completeTest',
      ]),
    );
    expect(names).not.toContain('createApp');
    expect(names).not.toContain('viewer');
    expect(names).not.toContain('signUp');
  });

  it('has an example input for every operation that takes an id', () => {
    const missing = ownedIdFields.map(({ root, field }) => `${root}.${field.name}`).filter((name) => !(name.split('.')[1]! in EXAMPLES));
    expect(missing, 'add an entry to EXAMPLES in test/security/tenant-isolation.test.ts (see the comment at its top)').toEqual([]);
  });

  for (const { root, field } of ownedIdFields) {
    const example = EXAMPLES[field.name];
    if (!example) continue; // reported by the test above
    it(`${root}.${field.name}: another developer gets ${example.expect === 'null' ? 'null' : 'NotFoundError'} and changes nothing`, async () => {
      const { owner, fixtures } = await ownerFixtures();
      const stranger = await newDeveloper('stranger');
      const cases = [example.args(fixtures)].flat();
      const accepted = ['NotFoundError', ...(example.alsoAccept ?? [])];
      const before = await dumpDatabase();
      for (const variables of cases) {
        const document = documentFor(root, field, field.args);
        const result = await call(document, variables, stranger.cookie);
        expect(result.errors, JSON.stringify(variables)).toBeUndefined();
        if (example.expect === 'null') expect(result.data?.result, JSON.stringify(variables)).toBeNull();
        else expect(accepted, JSON.stringify({ variables, result })).toContain(result.data?.result?.__typename);
      }
      expect(await dumpDatabase()).toEqual(before);

      if (example.ownerControl === false) return;
      for (const variables of cases) {
        const result = await call(documentFor(root, field, field.args), variables, owner.cookie);
        expect(result.errors, JSON.stringify(variables)).toBeUndefined();
        expect(result.data?.result, `the owner's own call must work: ${JSON.stringify(variables)}`).not.toBeNull();
        const refused = ['NotFoundError', 'ValidationError', 'ForbiddenError'].filter((name) => !example.ownerMayGet?.includes(name));
        expect(refused, JSON.stringify({ variables, result })).not.toContain(result.data?.result?.__typename);
      }
    });
  }

  // Reaches another developer's account by email, not by id, so the walk above does not find
  // it: the staff-only reset link, refused to a developer with nothing written.
  it('createPasswordResetLink: another developer gets ForbiddenError for the owner’s email and changes nothing', async () => {
    const { owner } = await ownerFixtures();
    const stranger = await newDeveloper('stranger');
    const before = await dumpDatabase();
    const document =
      'mutation($input: CreatePasswordResetLinkInput!) { result: createPasswordResetLink(input: $input) { __typename ... on Error { message } } }';
    const result = await call(document, { input: { email: owner.email } }, stranger.cookie);
    expect(result.errors).toBeUndefined();
    expect(result.data?.result?.__typename).toBe('ForbiddenError');
    expect(await dumpDatabase()).toEqual(before);
  });
});
