// Lint for the whole tree, plus the layering of DESIGN.md as errors: a layer violation fails `npm test`.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { layeringPlugin } from './main/build/eslintLayeringRule.js';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Packages that open sockets or belong to a host; the engine and ml layers stay plain Node libraries. */
const HOST_PACKAGES = ['electron', 'http', 'node:http', 'https', 'node:https', 'http2', 'node:http2', 'ws'];
const HOST_FOLDERS = ['main/server', 'main/electron', 'main/cli', 'main/config', 'preload', 'renderer'];
/** The only main/ modules the UI may see, and only their types: the contract is the whole interface. */
const API_TYPE_MODULES = ['main/api/contract', 'main/api/result', 'main/api/bridge'];

const layer = (name, options) => ({ 'tandem/layering': ['error', { root, layer: name, ...options }] });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'models/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { tandem: layeringPlugin },
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Empty arrow bodies are the idiom for no-op listeners and silent logs.
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    // The two classic hook rules; they catch real bugs (conditional hooks, stale closures).
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Tests read untyped JSON off the wire and poke at internals; `any` there documents that, it hides nothing.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['main/engine/**'],
    rules: layer('The engine', { forbiddenPackages: HOST_PACKAGES, forbiddenFolders: ['main/api', ...HOST_FOLDERS] }),
  },
  {
    files: ['main/ml/**'],
    rules: layer('The ml layer', { forbiddenPackages: HOST_PACKAGES, forbiddenFolders: ['main/api', ...HOST_FOLDERS] }),
  },
  {
    files: ['main/api/**'],
    rules: layer('The api layer', {
      forbiddenPackages: ['electron'],
      forbiddenFolders: ['main/server', 'main/electron', 'main/cli', 'preload', 'renderer'],
    }),
  },
  {
    files: ['renderer/**'],
    rules: layer('The renderer', {
      forbiddenPackages: ['electron', 'ws', 'better-sqlite3-multiple-ciphers', 'sqlite-vec', 'node-llama-cpp'],
      forbidNodeBuiltins: true,
      forbiddenFolders: ['preload'],
      typeOnlyFolder: 'main',
      typeOnlyAllowed: API_TYPE_MODULES,
    }),
  },
  {
    // Sandboxed preloads may require only 'electron'; types of the bridge are erased at compile time.
    files: ['preload/**'],
    rules: {
      ...layer('The preload', { forbidNodeBuiltins: true, forbiddenFolders: ['renderer'], typeOnlyFolder: 'main', typeOnlyAllowed: API_TYPE_MODULES }),
      // A CommonJS preload loads 'electron' with require (import = require keeps the emitted code plain).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
