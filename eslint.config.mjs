import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'jest.config.js',
      'eslint.config.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      curly: ['error', 'all'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['ParseUUIDPipe'],
              message:
                'Use ParseUuidPipe (src/common/validation): its 400 is the usual VALIDATION_FAILED problem naming the parameter.',
            },
          ],
        },
      ],
    },
  },
  {
    // @Global only for infrastructure (the list and the reasons: .dependency-cruiser.cjs).
    files: ['src/**/*.ts'],
    ignores: [
      'src/database/database.module.ts',
      'src/crypto/crypto.module.ts',
      'src/queue/queue.module.ts',
      'src/storage/storage.module.ts',
      'src/metrics/metrics.module.ts',
      'src/audit/audit.module.ts',
      'src/common/logging/logging.module.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Decorator > CallExpression[callee.name='Global']",
          message:
            'Import the module where it is used; @Global is for infrastructure only (.dependency-cruiser.cjs).',
        },
      ],
    },
  },
  {
    // The candidate pages' browser scripts: type-checked against the DOM library.
    files: ['src/web/client/**/*.ts'],
    languageOptions: {
      parserOptions: { project: './src/web/client/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['src/web/build-assets.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Response bodies in tests are untyped JSON by nature.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
