/**
 * The beta page's question: what an invite link is for (the app, the version, how full it is,
 * whether you joined). Anyone holding the link may ask: the token is the secret.
 */
import { BETA_TESTERS_MAX } from '@ring/domain';
import { builder } from '../../builder.ts';
import { betaInvite, type BetaInviteStatus } from './rollouts.service.ts';

const BetaInviteStatusEnum = builder.enumType('BetaInviteStatus', {
  description: 'Whether a beta invite link still takes testers.',
  values: {
    OPEN: { description: 'Testers may join.' },
    FULL: { description: `${BETA_TESTERS_MAX} testers have joined: no more may.` },
    EXPIRED: { description: 'The link has expired: the developer can make a new one.' },
  } satisfies Record<BetaInviteStatus, { description: string }>,
});

const BetaInvite = builder.simpleObject('BetaInvite', {
  description: 'A beta invite link, as its holder sees it.',
  fields: (t) => ({
    appName: t.string({ description: 'The app’s public name in the version under test (its internal name when the listing has none).' }),
    versionNumber: t.int({ description: 'The version under test.' }),
    status: t.field({ type: BetaInviteStatusEnum, description: 'Whether testers may still join.' }),
    testers: t.int({ description: 'Testers who have joined.' }),
    testerLimit: t.int({ description: 'The most testers who may join.' }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'When the link stops working.' }),
    joinedState: t.string({ nullable: true, description: 'The state you joined from, when you (signed in) have joined; null otherwise.' }),
  }),
});

builder.queryField('betaInvite', (t) =>
  t.field({
    type: BetaInvite,
    nullable: true,
    description: 'The beta an invite link’s token is for; null when the link is unknown, replaced, or its beta promoted or rolled back.',
    args: { token: t.arg.string({ required: true, description: 'The last part of /beta/<token>.' }) },
    resolve: (_root, { token }, context) => betaInvite(token, context.viewer),
  }),
);
