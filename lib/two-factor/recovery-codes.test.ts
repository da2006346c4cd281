import { randomUUID } from 'node:crypto';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  RECOVERY_CODE_COUNT,
  generateRecoveryCodes,
  hashGeneratedCodes,
  hashRecoveryCode,
  normaliseRecoveryCode,
} from './recovery-codes';

const FORMAT = /^[0-9abcdefghjkmnpqrstvwxyz]{5}-[0-9abcdefghjkmnpqrstvwxyz]{5}$/;

describe('recovery codes', () => {
  it('makes ten distinct codes in the xxxxx-xxxxx form', () => {
    const codes = generateRecoveryCodes();

    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(FORMAT);
  });

  it('does not repeat codes across sets', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i += 1) for (const code of generateRecoveryCodes()) seen.add(code);
    expect(seen.size).toBe(50 * RECOVERY_CODE_COUNT);
  });

  it('reads back any generated code however it is retyped', () => {
    fc.assert(
      fc.property(fc.constantFrom(...generateRecoveryCodes()), fc.boolean(), (code, upper) => {
        const compact = code.replace('-', '');
        const retyped = upper ? ` ${code.toUpperCase()} ` : code.replace('-', ' ');
        expect(normaliseRecoveryCode(retyped)).toBe(compact);
      }),
    );
  });

  it.each(['', 'abcde', 'abcde-abcde-abcde', 'abcde-abcdi', 'abcde_abcde', '123456'])(
    'rejects the malformed code %j',
    (input) => {
      expect(normaliseRecoveryCode(input)).toBeNull();
    },
  );

  it('hashes with a key and the owner, never storing the code', () => {
    const userId = randomUUID();
    const [code = ''] = generateRecoveryCodes(1);
    const compact = normaliseRecoveryCode(code) ?? '';
    const [hash = ''] = hashGeneratedCodes(userId, [code]);

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashRecoveryCode(userId, compact));
    expect(hash).not.toContain(compact);
    expect(hashRecoveryCode(randomUUID(), compact)).not.toBe(hash);
  });
});
