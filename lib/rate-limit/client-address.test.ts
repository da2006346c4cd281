import { describe, expect, it } from 'vitest';

import { clientAddress, normaliseAddress, UNKNOWN_ADDRESS } from './client-address';

const request = (forwardedFor?: string) =>
  new Request('http://localhost/', {
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });

describe('normaliseAddress', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    [' 192.0.2.1 ', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['[2001:0db8:0001:0002::9]', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['not-an-ip', null],
    ['192.0.2.1:8080', null],
    ['', null],
  ])('%j -> %j', (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });
});

describe('clientAddress', () => {
  it('trusts the last hop when a proxy is trusted', () => {
    expect(clientAddress(request('10.0.0.1, 192.0.2.5'), true)).toBe('192.0.2.5');
    expect(clientAddress(request('192.0.2.5'), true)).toBe('192.0.2.5');
  });

  it('without a trusted proxy, uses only a single address (what Next.js writes)', () => {
    expect(clientAddress(request('192.0.2.5'), false)).toBe('192.0.2.5');
    expect(clientAddress(request('10.0.0.1, 192.0.2.5'), false)).toBe(UNKNOWN_ADDRESS);
  });

  it('falls back to one "unknown" bucket for garbage or no header', () => {
    expect(clientAddress(request(), true)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(request('<script>'), true)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(request('192.0.2.5, garbage'), true)).toBe(UNKNOWN_ADDRESS);
  });
});
