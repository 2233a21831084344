// Type-unaware rules only, so that linting the whole tree stays fast (no type-checked program is built).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // bench/ is maintained with its own measurements; it joins lint and format once its work lands.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/**', 'apps/console/dist/**'] },
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
    // Tests and demo scripts read JSON answers of any shape and assert on them field by field.
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
