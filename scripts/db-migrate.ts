import { migratePostgres } from '@/db/migrate';

const url = process.env.DATABASE_URL;

if (!url) {
  process.stderr.write(
    'DATABASE_URL is not set. The embedded database migrates itself on start; ' +
      'set DATABASE_URL to migrate a PostgreSQL server.\n',
  );
  process.exit(1);
}

migratePostgres(url)
  .then(() => process.stderr.write('Migrations applied.\n'))
  .catch((error: unknown) => {
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  });
