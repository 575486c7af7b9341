import { prisma, type Prisma } from '@ring/db';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { builder } from '../../builder.ts';
import { decodeCursor, encodeCursor, DEFAULT_PAGE_SIZE } from '../../connections.ts';
import { NotFoundError } from '../../errors.ts';
import { decodeId } from '../../ids.ts';
import { hasScope } from '../identity/roles.ts';
import { SUBMISSION_NOT_FOUND } from './certification.service.ts';
import { CertificationSubmissionRef } from './certification.type.ts';

builder.queryField('reviewQueue', (t) =>
  t.withAuth({ reviewer: true }).connection(
    {
      type: CertificationSubmissionRef,
      nullable: true,
      description: 'REVIEWER only: the submissions under review, oldest first (the longest waiting at the top), claimed or not.',
      resolve: async (_root, args, context, info) => {
        const query = queryFromInfo({ context, info, path: ['edges', 'node'], typeName: 'CertificationSubmission' }) as {
          select?: Record<string, unknown>;
          include?: Record<string, unknown>;
        };
        const size = args.first ?? DEFAULT_PAGE_SIZE;
        const after = args.after ? decodeCursor(args.after, 'after') : null;
        const where: Prisma.CertificationSubmissionWhereInput = {
          status: 'UNDER_REVIEW',
          ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
        };
        const rows = (await prisma.certificationSubmission.findMany({
          ...(query.select ? { select: { ...query.select, id: true, createdAt: true } } : { include: query.include }),
          where,
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          take: size + 1,
        } as Prisma.CertificationSubmissionFindManyArgs)) as { id: string; createdAt: Date }[];
        const page = rows.slice(0, size);
        const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
        return {
          edges,
          pageInfo: { hasNextPage: rows.length > size, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
        } as never;
      },
    },
    { name: 'ReviewQueueConnection' },
    { name: 'ReviewQueueConnectionEdge' },
  ),
);

builder.queryField('certificationSubmission', (t) =>
  t.withAuth({ developer: true }).prismaField({
    type: CertificationSubmissionRef,
    description:
      'A certification submission by id: one of your apps’, or, for a REVIEWER, any. Anyone else’s is NotFoundError, exactly like an id that does not exist.',
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true, description: 'The submission’s global id.' }) },
    resolve: async (query, _root, args, context) => {
      const id = decodeId(String(args.id), 'CertificationSubmission', SUBMISSION_NOT_FOUND);
      const ownerOnly = hasScope(context.viewer, 'reviewer') ? {} : { app: { developerId: context.viewer.id } };
      const submission = await prisma.certificationSubmission.findFirst({ ...query, where: { id, ...ownerOnly } });
      if (!submission) throw new NotFoundError(SUBMISSION_NOT_FOUND);
      return submission;
    },
  }),
);
