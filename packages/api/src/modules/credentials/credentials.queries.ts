import { builder } from '../../builder.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { findAnyAppByGlobalId, searchAllApps } from '../apps/apps.access.ts';
import { AppRef } from '../apps/apps.type.ts';

/** Text typed by support staff, matched literally in a LIKE pattern: Prisma's contains/startsWith do not escape. */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

builder.queryField('supportAppSearch', (t) =>
  t.withAuth({ support: true }).prismaField({
    type: [AppRef],
    description: 'SUPPORT only: apps of any developer whose name or client ID contains the query (letter case ignored), newest first. At most 20.',
    args: { query: t.arg.string({ required: true, description: 'Part of an app name or of a client ID.' }) },
    resolve: (query, _root, args) => {
      const text = escapeLikePattern(args.query.trim());
      if (text === '') return [];
      // Every field is loaded here (`...query`): App's own lookups are limited to the viewer's apps.
      return searchAllApps(text, query);
    },
  }),
);

builder.queryField('supportApp', (t) =>
  t.withAuth({ support: true }).prismaField({
    type: AppRef,
    description: 'SUPPORT only: any developer’s app by id (for its activity and status), or NotFoundError.',
    errors: { types: [NotFoundError, ForbiddenError] },
    args: { id: t.arg.id({ required: true, description: 'The app’s global id.' }) },
    resolve: (query, _root, args) => findAnyAppByGlobalId(String(args.id), query),
  }),
);
