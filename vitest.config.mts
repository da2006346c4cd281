import path from 'node:path';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    environment: 'node',
    include: ['{lib,db,app,tests}/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/setup-env.ts'],
    // Argon2 hashing and the embedded database make some tests slower than the default allows.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
