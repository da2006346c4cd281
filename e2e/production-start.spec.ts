import { expect, test } from '@playwright/test';

import { E2E_PORT } from '../playwright.config';

import { spawnNextStart } from './support/app-server';

const PORT = E2E_PORT + 5;

// A production server must refuse to start half-configured: an empty secret stops it at once,
// with the variable's name, before it serves anything.
for (const name of ['NEXTAUTH_SECRET', 'TOTP_ENCRYPTION_KEY', 'NEXTAUTH_URL']) {
  test(`a production start with ${name} empty stops and names it`, async () => {
    const server = spawnNextStart(PORT, { [name]: '' });
    try {
      const exitCode = await new Promise<number | null>((resolve) => {
        server.child.once('exit', resolve);
        setTimeout(() => resolve(server.child.exitCode), 20_000);
      });

      expect(exitCode).toBe(1);
      expect(server.log()).toContain(`${name}: `);
      await expect(fetch(`http://localhost:${PORT}/api/health`)).rejects.toThrow();
    } finally {
      await server.stop();
    }
  });
}
