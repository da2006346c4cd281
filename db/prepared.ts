import type { Database } from './client';

/**
 * One prepared statement per database handle, built on first use. Drizzle then skips building
 * the SQL on every call, and postgres.js parses and plans it once per connection instead of
 * once per query. Keyed weakly, so a closed test database takes its statements with it.
 */
export function preparedFor<T>(build: (db: Database) => T): (db: Database) => T {
  const byDatabase = new WeakMap<Database, T>();
  return (db) => {
    let prepared = byDatabase.get(db);
    if (prepared === undefined) {
      prepared = build(db);
      byDatabase.set(db, prepared);
    }
    return prepared;
  };
}
