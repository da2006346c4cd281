import { migratePostgres } from '@/db/migrate';

export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) await migratePostgres(url);
}
