import { describe, expect, it } from 'vitest';

import { EnvError, parseEnv } from './env';

const productionSecrets = {
  NODE_ENV: 'production',
  NEXTAUTH_SECRET: 'x'.repeat(32),
  NEXTAUTH_URL: 'https://portal.example.com',
  TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
};

describe('parseEnv', () => {
  it('needs no variable at all in development', () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DATA_DIR).toBe('.data/pglite');
    expect(env.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('documents its limits as defaults', () => {
    const env = parseEnv({});
    expect(env.API_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(env.SIGN_IN_MAX_FAILURES).toBe(10);
    expect(env.API_BODY_LIMIT_BYTES).toBe(65_536);
  });

  it('accepts a complete production environment', () => {
    expect(parseEnv(productionSecrets).NEXTAUTH_URL).toBe('https://portal.example.com');
  });

  it.each(['NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'TOTP_ENCRYPTION_KEY'])(
    'refuses a production start with %s empty, naming it',
    (name) => {
      const parse = () => parseEnv({ ...productionSecrets, [name]: '' });
      expect(parse).toThrow(EnvError);
      expect(parse).toThrow(new RegExp(`${name}: `));
    },
  );

  it('names a malformed value', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://nope' })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ API_RATE_LIMIT_PER_MINUTE: '-5' })).toThrow(
      /API_RATE_LIMIT_PER_MINUTE/,
    );
    expect(() => parseEnv({ ...productionSecrets, TOTP_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(
      /TOTP_ENCRYPTION_KEY: must be 32 bytes/,
    );
  });
});
