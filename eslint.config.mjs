// ESLint for the whole monorepo: TypeScript (strict, type-checked), the portal's React hooks,
// GraphQL schemas (each subgraph's SDL) and the portal's operations (against the API schema).
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import { Supergraph } from '@apollo/federation-internals';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import prettierConfig from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import { printSchema } from 'graphql';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['police', 'labor-welfare', 'health', 'volunteers'];

// The portal and the saved analyst queries are checked against what clients can see: the API
// schema of the committed supergraph (no join__ types, no @inaccessible fields).
const apiSchema = printSchema(
  Supergraph.build(readFileSync('shared-schema/supergraph.graphql', 'utf8')).apiSchema().toGraphQLJSSchema(),
);

// One graphql-config for every GraphQL file: the plugin loads it once per process.
const graphQLConfig = {
  projects: {
    ...Object.fromEntries(
      SUBGRAPHS.map((name) => [
        name,
        {
          schema: [
            'shared-schema/graphql/common.graphql',
            `subgraphs/${name}/schema.graphql`,
            `subgraphs/${name}/schema/*.graphql`,
          ],
        },
      ]),
    ),
    portal: { schema: apiSchema, documents: ['web/src/**/*.{ts,tsx}', 'docs/queries/*.graphql'] },
  },
};

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/__generated__/',
    'shared-schema/supergraph.graphql',
    '.data/',
    'coverage/',
    'test-output/',
  ]),

  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: {
          // Root tooling in JavaScript (TypeScript outside the workspaces falls to the root tsconfig).
          allowDefaultProject: ['*.mjs', '*.js'],
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: globals.node,
    },
    rules: {
      // Numbers in messages, SQL and ids are the common, harmless case.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onClick={() => setOpen(false)}` and `(done) => server.close(done)` are idiomatic.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Contradicts no-non-null-assertion (strict), which this codebase keeps.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    files: ['web/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },

  // GraphQL inside the portal's gql`` templates becomes virtual *.graphql files.
  { files: ['web/src/**/*.{ts,tsx}'], processor: graphqlPlugin.processor },
  {
    files: ['**/*.graphql'],
    languageOptions: { parser: graphqlPlugin.parser, parserOptions: { graphQLConfig } },
    plugins: { '@graphql-eslint': graphqlPlugin },
  },
  {
    files: ['shared-schema/graphql/*.graphql', 'subgraphs/*/schema.graphql', 'subgraphs/*/schema/*.graphql'],
    rules: {
      ...graphqlPlugin.configs['flat/schema-recommended'].rules,
      // Inline "…" for one line, block """…""" for several, as the GraphQL spec intends.
      '@graphql-eslint/description-style': 'off',
      // Value types (residences, periods, indicator values, pages) have no identity of their own.
      '@graphql-eslint/strict-id-in-types': 'off',
    },
  },
  {
    files: ['web/src/**/*.graphql', 'docs/queries/*.graphql'],
    rules: { ...graphqlPlugin.configs['flat/operations-recommended'].rules },
  },

  prettierConfig,
);
