// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Each top-level folder may import `shared/` but none of its siblings (dependencies point one way). */
const siblingsOf = (self) =>
  ['electron', 'renderer', 'sync-server']
    .filter((folder) => folder !== self)
    .flatMap((folder) => [`**/${folder}/**`, `../${folder}/*`]);

const restrictImports = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns: [{ group: patterns, message: 'Dependências apontam num só sentido: importe só de shared/.' }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**', '.data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // shared/ is pure: no Node, no DOM, no sibling folder.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeModules.map((name) => ({ name, message: 'shared/ não usa APIs do Node.' })).concat(
            ['electron', 'react', 'react-dom', 'rxdb', 'better-sqlite3', 'fastify', 'pino'].map((name) => ({
              name,
              message: 'shared/ só contém esquemas e regras puras.',
            })),
          ),
          patterns: [
            { group: ['node:*'], message: 'shared/ não usa APIs do Node.' },
            { group: ['**/electron/**', '**/renderer/**', '**/sync-server/**'], message: 'shared/ não importa as outras pastas.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'fetch', 'XMLHttpRequest', 'location', 'alert']
          .map((name) => ({ name, message: 'shared/ não usa APIs do navegador.' })),
        ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate']
          .map((name) => ({ name, message: 'shared/ não usa APIs do Node.' })),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrictImports([...siblingsOf('renderer'), 'node:*'], builtinModules.map((name) => ({ name, message: 'renderer/ roda no navegador.' }))),
  },
  { files: ['electron/**/*.ts'], rules: restrictImports(siblingsOf('electron')) },
  { files: ['sync-server/**/*.ts'], rules: restrictImports(siblingsOf('sync-server')) },
);
