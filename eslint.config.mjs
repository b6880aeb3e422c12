// ESLint for the whole monorepo: TypeScript (strict, type-checked), the portal's React hooks,
// GraphQL schemas (each subgraph's SDL) and the portal's operations (against the API schema).
import js from '@eslint/js';
import { SUBGRAPH_NAMES, accessLogTypeDefs } from '@rehab/shared-schema';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import prettierConfig from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// One graphql-config for every GraphQL file: the plugin loads it once per process.
const graphQLConfig = {
  projects: {
    ...Object.fromEntries(
      // As each subgraph serves it: its SDL files, the shared SDL and its access-log field.
      SUBGRAPH_NAMES.map((name) => [
        name,
        {
          schema: [
            'shared-schema/graphql/common.graphql',
            `subgraphs/${name}/schema.graphql`,
            `subgraphs/${name}/schema/*.graphql`,
            accessLogTypeDefs(name),
          ],
        },
      ]),
    ),
    // The portal and the saved analyst queries are checked against what clients can see: the
    // API schema `npm run compose` writes (no join__ types, no @inaccessible fields).
    portal: { schema: 'shared-schema/api-schema.graphql', documents: ['web/src/**/*.{ts,tsx}', 'docs/queries/*.graphql'] },
  },
};

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/__generated__/',
    'shared-schema/supergraph.graphql',
    'shared-schema/api-schema.graphql',
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
      // Apollo Server plugin hooks and callbacks typed to return promises are written async without await.
      '@typescript-eslint/require-await': 'off',
      // TypeORM entity classes are plain row shapes: object literals and spreads of them are the norm.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-misused-spread': 'off',
      // An empty string typed in a form means "none": `value.trim() || null` is deliberate.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // As tsc's noUnusedParameters: a leading underscore marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // No-op methods implement interfaces such as TypeORM's Logger.
      '@typescript-eslint/no-empty-function': ['error', { allow: ['methods'] }],
    },
  },
  {
    files: ['**/__tests__/**/*.ts', 'test/**/*.ts'],
    rules: {
      // Jest's asymmetric matchers (expect.any, expect.stringContaining, …) are typed any.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      // A test's `!` states what its preceding expect proved.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Helpers such as dataOf<T>(result) type the answer of the query the test wrote.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // Chromium's CommonJS build is required on purpose (see test/src/browser.ts).
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^@sparticuz/chromium$'] }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['jest.config.js', 'scripts/**/*.js'],
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
      // Root fields must say what they do; type names are the domain's own words.
      '@graphql-eslint/require-description': ['error', { rootField: true, DirectiveDefinition: true }],
    },
  },
  {
    files: ['docs/queries/*.graphql'],
    rules: {
      ...graphqlPlugin.configs['flat/operations-recommended'].rules,
      // Analysts' saved queries are read by people in GraphiQL, not normalised by a client cache.
      '@graphql-eslint/require-selections': 'off',
    },
  },
  {
    files: ['web/src/**/*.graphql'],
    rules: {
      ...graphqlPlugin.configs['flat/operations-recommended'].rules,
      '@graphql-eslint/naming-convention': [
        'error',
        {
          VariableDefinition: 'camelCase',
          OperationDefinition: {
            style: 'PascalCase',
            forbiddenPrefixes: ['Query', 'Mutation', 'Subscription', 'Get'],
            forbiddenSuffixes: ['Query', 'Mutation', 'Subscription'],
          },
          // A component's fragment is named Component_prop (colocated fragments).
          FragmentDefinition: { style: 'PascalCase', ignorePattern: '^[A-Z][A-Za-z0-9]*_[a-z][A-Za-z0-9]*$' },
        },
      ],
    },
  },

  prettierConfig,
);
