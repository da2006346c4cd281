import postgres from 'postgres';

/**
 * Runs `work` with the URL of an empty database created next to DATABASE_URL's, and drops it
 * afterwards whatever happens: for tests that need a database nothing else has touched.
 */
export async function withScratchDatabase<T>(
  label: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const serverUrl = process.env.DATABASE_URL ?? '';
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  const name = `servicebay_${label}_${process.pid}_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);

  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Rows of one query on `url`, over a connection of its own. */
export async function queryOn<T extends object>(url: string, query: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    return await sql.unsafe<T[]>(query);
  } finally {
    await sql.end();
  }
}
