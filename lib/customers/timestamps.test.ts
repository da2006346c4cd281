import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { isoFromPostgres } from './timestamps';

/** What PostgreSQL prints for a timestamptz(3) in UTC: no trailing zeros in the fraction. */
function postgresText(date: Date): string {
  const iso = date.toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}+00`;
}

describe('isoFromPostgres', () => {
  it('writes what Date#toISOString writes, for the UTC text of any time in years 1 to 9999', () => {
    const dates = fc.date({
      min: new Date('0001-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(dates, (date) => {
        expect(isoFromPostgres(postgresText(date))).toBe(date.toISOString());
      }),
      { numRuns: 2_000 },
    );
  });

  it('pads a short fraction and adds a missing one', () => {
    expect(isoFromPostgres('2026-12-04 08:22:01.1+00')).toBe('2026-12-04T08:22:01.100Z');
    expect(isoFromPostgres('2026-12-04 08:22:01+00')).toBe('2026-12-04T08:22:01.000Z');
  });

  it('converts text from a session in another time zone through Date', () => {
    expect(isoFromPostgres('2026-12-04 09:22:01.5+01')).toBe('2026-12-04T08:22:01.500Z');
    expect(isoFromPostgres('2026-12-04 03:52:01.5-04:30')).toBe('2026-12-04T08:22:01.500Z');
  });
});
