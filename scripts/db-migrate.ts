import { migratePostgres } from '@/db/migrate';
import { EnvError, parseEnv } from '@/lib/config/env';
import { describeError } from '@/lib/logging/safe-error';

// `npm run db:migrate`: applies db/migrations to DATABASE_URL. Only that variable is read, so an
// operator can migrate before the app's secrets are in place.
function databaseUrl(): string {
  let url: string | undefined;
  try {
    url = parseEnv({ DATABASE_URL: process.env.DATABASE_URL }).DATABASE_URL;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }

  if (!url) {
    process.stderr.write(
      'DATABASE_URL is not set. The embedded database migrates itself on start; ' +
        'set DATABASE_URL to migrate a PostgreSQL server.\n',
    );
    process.exit(1);
  }
  return url;
}

migratePostgres(databaseUrl())
  .then(() => process.stderr.write('Migrations applied.\n'))
  .catch((error: unknown) => {
    process.stderr.write(`Migration failed: ${describeError(error)}\n`);
    process.exit(1);
  });
