import { describe, expect, it } from 'vitest';

import { loginPath, safeReturnPath } from './return-to';

describe('safeReturnPath', () => {
  it.each([
    ['/orgs/1/keys', '/orgs/1/keys'],
    ['/orgs/1/keys?tab=revoked#top', '/orgs/1/keys?tab=revoked#top'],
    [undefined, '/'],
    ['', '/'],
    ['https://evil.test/', '/'],
    ['//evil.test/path', '/'],
    ['/\\evil.test', '/'],
    ['\\\\evil.test', '/'],
    ['javascript:alert(1)', '/'],
    ['/orgs\n/x', '/'],
    ['/login?callbackUrl=/x', '/'],
    ['orgs/1/keys', '/'],
  ])('%j becomes %j', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it('takes the first value of a repeated parameter', () => {
    expect(safeReturnPath(['/a', 'https://evil.test'])).toBe('/a');
  });
});

describe('loginPath', () => {
  it('carries a safe path and drops an unsafe one', () => {
    expect(loginPath('/orgs/1/keys')).toBe('/login?callbackUrl=%2Forgs%2F1%2Fkeys');
    expect(loginPath('https://evil.test')).toBe('/login');
  });
});
