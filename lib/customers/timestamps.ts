// PostgreSQL's text for a timestamptz(3) in a UTC session: "2026-12-04 08:22:01.12+00" (the
// fraction loses trailing zeros, or goes when it is zero). db/client.ts sets the session time
// zone to UTC, so this is the form the API's customer times arrive in.
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?\+00$/;

/**
 * ISO 8601 in UTC with milliseconds, exactly as Date#toISOString writes it. Any other form (a
 * session in another time zone, a year past 9999) goes through Date, which reads them all.
 */
export function isoFromPostgres(text: string): string {
  const match = UTC_TEXT.exec(text);
  if (!match) return new Date(text).toISOString();

  const [, date, time, fraction = ''] = match;
  return `${date}T${time}.${fraction.padEnd(3, '0')}Z`;
}
