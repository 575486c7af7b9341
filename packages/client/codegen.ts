import type { CodegenConfig } from '@graphql-codegen/cli';

// One config, one output folder, never edited by hand. The schema is the committed
// reference printed by @ring/api, so clients build without starting the API.
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', File: 'File' },
        documentMode: 'documentNode',
      },
    },
    // For Apollo Client's InMemoryCache (src/apollo.ts): each union's and interface's members...
    'src/generated/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
    // ...and the object types without an id, which it keeps inside their parent.
    'src/generated/id-less-types.ts': { plugins: ['./codegen-id-less-types.cjs'] },
  },
};

export default config;
