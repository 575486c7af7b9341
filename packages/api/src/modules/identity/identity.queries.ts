import { prisma } from '@ring/db';
import { builder, refusal } from '../../builder.ts';
import { DeveloperRef } from './identity.type.ts';

// Not behind a scope: signed out is a plain null here, the one field that tells the two apart.
builder.queryField('viewer', (t) =>
  t.prismaField({
    type: DeveloperRef,
    nullable: true,
    description: 'The signed-in developer, or null when signed out. An invalid, expired or revoked session or token is an UNAUTHENTICATED error, not null.',
    resolve: async (query, _root, _args, context) => {
      if (context.auth.status === 'invalid') throw refusal(context);
      if (!context.viewer) return null;
      return prisma.developer.findUnique({ ...query, where: { id: context.viewer.id } });
    },
  }),
);
