/** The Electron shell suite (run by scripts/test-electron.mjs only where an Electron binary exists). */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.electron.ts',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: 'test-results/electron',
});
