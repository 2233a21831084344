// Type-unaware rules only, so that linting the whole tree stays fast (no type-checked program is built).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/console/dist/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // Input hygiene matches control characters on purpose (to refuse or clean them).
      'no-control-regex': 'off',
      // `const { omitted, ...kept } = row` is how the code drops columns from a row.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Tests, demo scripts and the bench read JSON answers of any shape and use them field by field.
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
