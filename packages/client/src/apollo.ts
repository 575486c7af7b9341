/**
 * For Apollo Client: `possibleTypes` (which object types each union and interface has, so that
 * fragments on `Error` or on a result union match) and `typePolicies` for the objects without
 * an `id`: Apollo cannot normalize them, so they live inside their parent (an App's `info`,
 * a connection's `pageInfo`), and `merge: true` lets a newer answer merge into the cached
 * object instead of replacing it (and Apollo's "cache data may be lost" warning).
 *
 *   new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes, typePolicies }) })
 *
 * Both are generated from the schema at build time (codegen.ts).
 */
import introspection from './generated/possible-types.ts';
import { idLessTypes, type IdLessType } from './generated/id-less-types.ts';

export const possibleTypes: Record<string, string[]> = introspection.possibleTypes;

export { idLessTypes, type IdLessType };

/** Apollo's `TypePolicies`, for the object types without an `id` (kept structural: no dependency on @apollo/client). */
export const typePolicies: Record<IdLessType, { merge: true }> = /* @__PURE__ */ Object.fromEntries(
  idLessTypes.map((type) => [type, { merge: true }]),
) as Record<IdLessType, { merge: true }>;
