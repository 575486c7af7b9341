/**
 * A stricter parser for GraphQL multipart requests than yoga's own: a file may only land where
 * the operation holds a `null` placeholder for it, no path may receive two files, and every
 * file part must be mapped. Without this, a second file mapped to the same variable would
 * silently replace the first, and files could be planted anywhere in the variables. Limit
 * breaches found while the body streams in (file size, number of files, field size) answer
 * 413 with the limit named.
 */
import {
  getNamedType,
  getOperationAST,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';

const isMultipart = (request: Request) =>
  request.method === 'POST' && (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

const badRequest = (message: string) => createGraphQLError(message, { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
const tooLarge = (message: string) => createGraphQLError(message, { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function placeFile(operations: unknown, path: string, file: unknown) {
  const keys = path.split('.');
  let node = operations as Record<string, unknown>;
  for (const [index, key] of keys.entries()) {
    if (FORBIDDEN_KEYS.has(key) || node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) {
      throw badRequest(`Multipart "map" path "${path}" does not point at a variable of the operation.`);
    }
    if (index === keys.length - 1) {
      if (node[key] !== null) throw badRequest(`Multipart "map" path "${path}" must point at a null placeholder in "operations".`);
      node[key] = file;
    } else {
      node = node[key] as Record<string, unknown>;
    }
  }
}

async function parseStrictMultipart(request: Request): Promise<GraphQLParams | GraphQLParams[]> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/limit exceeded|size exceeded/i.test(message)) throw tooLarge(`Upload refused: ${message}.`);
    throw badRequest(`The multipart request could not be read: ${message}`);
  }
  const operationsField = form.get('operations');
  if (typeof operationsField !== 'string') throw badRequest('Multipart field "operations" is missing or not text.');
  let operations: GraphQLParams | GraphQLParams[];
  try {
    operations = JSON.parse(operationsField);
  } catch {
    throw badRequest('Multipart field "operations" must be JSON.');
  }
  const mapField = form.get('map');
  if (mapField === null) return operations;
  if (typeof mapField !== 'string') throw badRequest('Multipart field "map" must be text.');
  let map: unknown;
  try {
    map = JSON.parse(mapField);
  } catch {
    throw badRequest('Multipart field "map" must be JSON.');
  }
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw badRequest('Multipart field "map" must be an object of file keys to paths.');
  const seenPaths = new Set<string>();
  for (const [key, paths] of Object.entries(map)) {
    const file = form.get(key);
    // whatwg-node's File is not the global Blob class, so check by shape: FormData values are text or files.
    if (file === null || typeof file === 'string') throw badRequest(`Multipart "map" names "${key}", which is not a file part of the request.`);
    if (!Array.isArray(paths) || paths.length === 0 || !paths.every((path) => typeof path === 'string'))
      throw badRequest(`Multipart "map" entry "${key}" must be a non-empty list of paths.`);
    for (const path of paths as string[]) {
      if (seenPaths.has(path)) throw badRequest(`Multipart "map" maps more than one file to "${path}"; each variable takes one file.`);
      seenPaths.add(path);
      placeFile(operations, path, file);
    }
  }
  for (const [key, value] of form.entries()) {
    if (key !== 'operations' && key !== 'map' && typeof value !== 'string' && !Object.hasOwn(map, key)) {
      throw badRequest(`File part "${key}" is not named in "map".`);
    }
  }
  return operations;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/**
 * A file that landed on a variable (or part of one) that is not a File: graphql-js would
 * describe it as the object "{}" it coerces to, or hand it to a String resolver.
 */
function misplacedFile(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined | null, variables: Record<string, unknown>) {
  const operation = getOperationAST(document, operationName);
  const check = (value: unknown, type: GraphQLInputType, path: string): string | null => {
    if (isNonNullType(type)) return check(value, type.ofType, path);
    if (Array.isArray(value))
      return isListType(type) ? value.reduce<string | null>((found, item, index) => found ?? check(item, type.ofType, `${path}.${index}`), null) : null;
    if (isPlainObject(value)) {
      if (!isInputObjectType(type)) return null;
      const fields = type.getFields();
      return Object.entries(value).reduce<string | null>(
        (found, [key, item]) => found ?? (fields[key] ? check(item, fields[key].type, `${path}.${key}`) : null),
        null,
      );
    }
    if (value !== null && typeof value === 'object' && getNamedType(type).name !== 'File') {
      return `Variable "${path}" was sent a file, but it takes ${String(type)}: files may only be mapped onto File variables.`;
    }
    return null;
  };
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type || !Object.hasOwn(variables, name)) continue;
    const problem = check(variables[name], type, `$${name}`);
    if (problem) return problem;
  }
  return null;
}

export function useStrictUploads(): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (isMultipart(request)) setRequestParser(parseStrictMultipart);
    },
    onExecute({ args }) {
      if (!args.variableValues) return;
      const problem = misplacedFile(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown>);
      if (problem) throw createGraphQLError(problem, { extensions: { http: { status: 400 }, code: 'BAD_USER_INPUT' } });
    },
  };
}
