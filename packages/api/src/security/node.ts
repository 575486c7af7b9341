import { Prisma } from '@ring/db';

/**
 * node(id) answers null for an object that is not the viewer's, exactly as for one that does
 * not exist. Each prismaNode's findUnique already scopes the lookup to the viewer, but Pothos
 * loads with findUniqueOrThrow, so "not yours" would surface as a masked unexpected error:
 * a different answer, and a false alarm in the error log.
 */
export async function resolveNodeOrNull(resolveNode: () => unknown): Promise<unknown> {
  try {
    return await resolveNode();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return null;
    throw error;
  }
}
