import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Native modules (pkcs11js, better-sqlite3) and child processes: one process per test file.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A test that names a behaviour must run: skipped or focused tests fail the run.
    allowOnly: false,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
