import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL from the schema here; the app applies it with db/migrate.ts,
// so the same files migrate the embedded database and a real PostgreSQL server.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
});
