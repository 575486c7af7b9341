/**
 * The one way a resolver reaches an app: by global id, among the viewer's own apps. Someone
 * else's app and an id that does not exist give the same NotFoundError, so no one learns
 * which ids exist.
 */
import { prisma } from '@ring/db';
import type { Viewer } from '../../context.ts';
import { NotFoundError } from '../../errors.ts';
import { decodeId } from '../../ids.ts';

export const APP_NOT_FOUND = 'No app with this id among your apps.';

export function appIdFrom(globalId: string): string {
  return decodeId(globalId, 'App', APP_NOT_FOUND);
}

/** The filter every lookup of an app by id uses: that id, among the viewer's apps only. */
export function ownedAppWhere(viewer: Viewer, globalId: string) {
  return { id: appIdFrom(globalId), developerId: viewer.id };
}

export async function findOwnedApp(viewer: Viewer, globalId: string) {
  const app = await prisma.app.findFirst({ where: ownedAppWhere(viewer, globalId) });
  if (!app) throw new NotFoundError(APP_NOT_FOUND);
  return app;
}
