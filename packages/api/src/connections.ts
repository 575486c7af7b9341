/**
 * Cursor pagination over rows ordered newest first by (createdAt, id). A cursor encodes that
 * position itself, not a row to look up: a cursor outlives the row it came from (deleting it
 * does not end the list), and a cursor naming another developer's row reveals nothing,
 * because the list is only ever the viewer's rows before or after that position.
 *
 * Bad arguments are a GraphQL error with extensions.code BAD_USER_INPUT, raised on the
 * connection field (nullable for that reason) so the object around it, such as `viewer`,
 * stays and a client does not read the error as being signed out.
 */
import { GraphQLError } from 'graphql';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const CURSOR_PREFIX = 'pos:v1:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Position {
  createdAt: Date;
  id: string;
}

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 200 } } });
}

export function encodeCursor(row: Position): string {
  return Buffer.from(`${CURSOR_PREFIX}${row.createdAt.getTime()}:${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string, argument: 'after' | 'before'): Position {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = new RegExp(`^${CURSOR_PREFIX}(\\d{1,15}):(.+)$`).exec(text);
  if (!match || !UUID.test(match[2]!)) {
    throw badUserInput(`\`${argument}\` is not a cursor from this list; pass a cursor or endCursor/startCursor this list returned.`);
  }
  return { createdAt: new Date(Number(match[1])), id: match[2]!.toLowerCase() };
}

/** A Prisma `where` that any model with `createdAt` and `id` accepts. */
export interface PositionWhere {
  OR: Array<{ createdAt: { lt: Date } | { gt: Date } } | { createdAt: Date; id: { lt: string } | { gt: string } }>;
}

/** Rows strictly older (further down the newest-first list) or newer than a position. */
const olderThan = ({ createdAt, id }: Position): PositionWhere => ({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
const newerThan = ({ createdAt, id }: Position): PositionWhere => ({ OR: [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }] });

export interface PagePlan {
  /** Extra conditions for the `where` (AND them with the owner's filter). */
  where: PositionWhere[];
  orderBy: Array<{ createdAt: 'asc' | 'desc' } | { id: 'asc' | 'desc' }>;
  /** One more than the page, to learn whether more follow. */
  take: number;
  size: number;
  fromEnd: boolean;
}

/** Checks the arguments and plans the query for one page. */
export function planPage(args: ConnectionArgs): PagePlan {
  const { first, last } = args;
  if (first != null && last != null) throw badUserInput('Pass either `first` or `last`, not both.');
  // Sizes outside 0-100 never get here: security/page-size.ts refuses them for every connection.
  const where: PositionWhere[] = [];
  if (args.after != null) where.push(olderThan(decodeCursor(args.after, 'after')));
  if (args.before != null) where.push(newerThan(decodeCursor(args.before, 'before')));
  const fromEnd = last != null;
  const size = Math.min(first ?? last ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const direction = fromEnd ? 'asc' : 'desc';
  return { where, orderBy: [{ createdAt: direction }, { id: direction }], take: size + 1, size, fromEnd };
}

/** The connection for rows fetched with a plan, in newest-first order. */
export function pageOf<T extends Position>(plan: PagePlan, rows: T[]) {
  const more = rows.length > plan.size;
  const page = rows.slice(0, plan.size);
  if (plan.fromEnd) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: {
      // Relay: with `first`, whether more follow the page; with `last`, whether more precede it.
      // The other side is not looked up, which the spec allows to be answered false.
      hasNextPage: !plan.fromEnd && more,
      hasPreviousPage: plan.fromEnd && more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
