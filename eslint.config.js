import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'public/', 'data/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The domain layer is pure: no I/O, no framework, no clock (see docs/architecture).
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'fastify*', '@fastify/*', 'kysely', 'pg', 'better-sqlite3', 'nunjucks'], message: 'The domain layer does no I/O.' },
            { group: ['../../data/*', '../../web/*', '../../services/*', '../../cli/*', '../data/*', '../web/*', '../services/*', '../cli/*'], message: 'The domain layer imports only domain code.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Use CalendarDay; the domain has no clock.' }],
    },
  },
)
