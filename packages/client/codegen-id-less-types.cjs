// A codegen plugin: the schema's object types without an `id` field (for Apollo's typePolicies, src/apollo.ts).
const { isObjectType } = require('graphql');

module.exports = {
  plugin(schema) {
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean).map((type) => type.name));
    const names = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !roots.has(type.name) && !('id' in type.getFields()))
      .map((type) => type.name)
      .sort();
    return [
      '/** The object types without an `id` field: Apollo keeps them inside their parent. */',
      `export const idLessTypes = ${JSON.stringify(names, null, 2).replace(/"/g, "'")} as const;`,
      '',
      'export type IdLessType = (typeof idLessTypes)[number];',
      '',
    ].join('\n');
  },
};
