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
  },
};

export default config;
