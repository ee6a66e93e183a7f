// One ESLint config for the whole workspace. Module boundaries are enforced from Nx project tags:
// an app never imports another app, contracts import nothing of ours, platform libs only contracts
// and each other.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const apps = [
  'gateway',
  'registry',
  'consumer-management',
  'analytics',
  'webhook-dispatcher',
  'integration-connectors',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out-tsc/**',
      '**/coverage/**',
      '**/generated/**',
      '.nx/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'],
            },
            { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:platform', 'type:testing'],
            },
            {
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:platform',
                'type:testing',
                'type:sdk',
              ],
            },
            ...apps.map((app) => ({
              sourceTag: `scope:${app}`,
              onlyDependOnLibsWithTags: [`scope:${app}`, 'scope:shared'],
            })),
          ],
        },
      ],
      // Deep imports into another project are never allowed: import '@portico/<lib>'.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@portico/*/*'], message: 'Import a library through its index.' }] },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Tests read loosely-typed JSON bodies all the time.
    files: [
      '**/*.spec.ts',
      '**/*.integration-spec.ts',
      '**/test/**/*.ts',
      'libs/testing/src/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    // The SDK's tests and the gateway's docs-hub tests run against the real services, started
    // in-process with @portico/testing: test-only edges, not dependencies of the code.
    files: ['libs/sdk/test/**/*.ts', 'apps/gateway/test/docs*.integration-spec.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // The platform's own integration tests drive it through @portico/testing (which builds on the
    // platform): a test-only edge, not a dependency of the library.
    files: ['libs/platform/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
);
