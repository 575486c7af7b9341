import { decodeGlobalID } from '@pothos/plugin-relay';
import { NotFoundError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Matches no row: stands in for ids that are not even well-formed. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export function asUuid(id: string): string {
  return UUID.test(id) ? id : NIL_UUID;
}

/**
 * The database id inside a Relay global id of the expected type. Anything else (malformed,
 * another type) is NotFound, exactly like an id that does not exist.
 */
export function decodeId(globalId: string, typename: string, message = 'Not found.'): string {
  try {
    const decoded = decodeGlobalID(globalId);
    if (decoded.typename === typename && UUID.test(decoded.id)) return decoded.id;
  } catch {
    // fall through: a malformed id is simply not found
  }
  throw new NotFoundError(message);
}
