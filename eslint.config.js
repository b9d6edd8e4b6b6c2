// Layering is enforced here so that a later change cannot quietly break it:
//   electron/, transports/, cli/  →  api/  →  infra/  →  core/  →  shared/
// core/ is the domain: it never sees Electron, React, the database driver or the token driver directly.
// The renderer only knows the shared contract; the preload only Electron and the contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';


const layer = (files, banned) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: banned.map(([group, message]) => ({ group: [group], message })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-renderer/**', 'node_modules/**', 'release/**', 'coverage/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  layer(['src/shared/**'], [
    ['electron', 'shared/ is imported by the renderer: no Electron'],
    ['react', 'shared/ holds the contract, not UI'],
    ['**/main/**', 'shared/ must not depend on the main process'],
    ['**/renderer/**', 'shared/ must not depend on the renderer'],
  ]),
  layer(['src/main/core/**'], [
    ['electron', 'core/ is the domain: no Electron (it runs in plain Node and in tests)'],
    ['react', 'core/ is the domain: no React'],
    ['better-sqlite3', 'core/ talks to storage through the interfaces that infra/ implements'],
    ['pkcs11js', 'core/ talks to tokens through the interfaces that infra/ implements'],
    ['**/infra/**', 'core/ must not import infra/ (infra implements core interfaces)'],
    ['**/api/**', 'core/ must not import api/'],
    ['**/transports/**', 'core/ must not import transports/'],
    ['**/cli/**', 'core/ must not import cli/'],
    ['**/electron/**', 'core/ must not import the Electron shell'],
    ['**/renderer/**', 'core/ must not import the renderer'],
  ]),
  layer(['src/main/infra/**'], [
    ['electron', 'infra/ runs in plain Node: no Electron'],
    ['react', 'infra/ has no UI'],
    ['**/api/**', 'infra/ must not import api/'],
    ['**/transports/**', 'infra/ must not import transports/'],
    ['**/cli/**', 'infra/ must not import cli/'],
    ['**/electron/**', 'infra/ must not import the Electron shell'],
    ['**/renderer/**', 'infra/ must not import the renderer'],
  ]),
  layer(['src/main/api/**'], [
    ['electron', 'api/ is served by every host: no Electron'],
    ['react', 'api/ has no UI'],
    ['**/transports/**', 'api/ must not import transports/'],
    ['**/cli/**', 'api/ must not import cli/'],
    ['**/electron/**', 'api/ must not import the Electron shell'],
    ['**/renderer/**', 'api/ must not import the renderer'],
  ]),
  layer(['src/main/cli/**'], [
    ['electron', 'the command line runs in plain Node'],
    ['react', 'the command line has no React'],
    ['**/transports/**', 'the command line calls api/ directly'],
    ['**/electron/**', 'the command line must not import the Electron shell'],
    ['**/renderer/**', 'the command line must not import the renderer'],
  ]),
  layer(['src/main/transports/**'], [
    ['react', 'transports carry the API, no UI'],
    ['**/cli/**', 'transports must not import cli/'],
    ['**/electron/**', 'transports must not import the Electron shell'],
    ['**/renderer/**', 'transports must not import the renderer'],
  ]),
  layer(['src/renderer/**'], [
    ['electron', 'the renderer is sandboxed: it reaches the app only through the preload API'],
    ['**/main/**', 'the renderer knows only the shared contract'],
    ['**/preload/**', 'the renderer knows only the shared contract'],
    ['node:*', 'no Node in the renderer'],
    ['fs', 'no Node in the renderer'],
    ['path', 'no Node in the renderer'],
  ]),
  layer(['src/preload/**'], [
    ['**/main/**', 'the preload exposes the shared contract, nothing of main/'],
    ['**/renderer/**', 'the preload must not import the renderer'],
    ['react', 'the preload has no UI'],
  ]),
);
