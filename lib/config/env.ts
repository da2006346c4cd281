import { z } from 'zod';

// Development and tests need no variable at all; a production server refuses to start without
// its secrets. Every variable is described in .env.example.
const DEVELOPMENT_SECRET = 'development-only-secret-never-use-in-production';
const DEVELOPMENT_TOTP_KEY = Buffer.alloc(32, 7).toString('base64');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  PGLITE_DATA_DIR: z.string().trim().min(1).default('.data/pglite'),
  DATABASE_POOL_SIZE: positiveInt(10),
  DATABASE_CONNECT_TIMEOUT_SECONDS: positiveInt(5),
  DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(5_000),
  NEXTAUTH_SECRET: optionalText,
  NEXTAUTH_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  TOTP_ENCRYPTION_KEY: optionalText,
  REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_BODY_LIMIT_BYTES: positiveInt(64 * 1024),
  API_RATE_LIMIT_PER_MINUTE: positiveInt(600),
  API_KEY_FAILURES_PER_MINUTE: positiveInt(30),
  API_REQUEST_TIMEOUT_MS: positiveInt(10_000),
  RATE_LIMIT_PREFIX: z.string().trim().min(1).max(64).default('servicebay'),
  TRUST_PROXY: flag,
  SIGN_IN_MAX_FAILURES: positiveInt(10),
  SIGN_IN_LOCK_SECONDS: positiveInt(15 * 60),
  // ASVS 7.3: at most an hour of inactivity and a day in all, whatever the environment says.
  SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(60).max(3600).default(3600),
  SESSION_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(300).max(86_400).default(86_400),
  LAST_USED_FLUSH_MS: positiveInt(5_000),
  API_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(60_000),
  API_KEY_CACHE_MAX_ENTRIES: positiveInt(10_000),
  SEED_DEMO_DATA: z.enum(['true', 'false']).optional(),
  // Second-factor guessing limits (lib/two-factor/attempt-limits.ts).
  TWO_FACTOR_MAX_ATTEMPTS_PER_SIGN_IN: positiveInt(5),
  TWO_FACTOR_LOCK_AFTER_FAILURES: positiveInt(10),
  TWO_FACTOR_LOCK_MINUTES: positiveInt(15),
  TWO_FACTOR_LOCK_MAX_MINUTES: positiveInt(24 * 60),
});

const totpKey = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, {
  message: 'must be 32 bytes encoded as base64 (openssl rand -base64 32)',
});

const productionSecrets = z.object({
  NEXTAUTH_URL: z.url({ error: 'is required in production (the public URL of the portal)' }),
  NEXTAUTH_SECRET: z.string({ error: 'is required in production' }).min(32, {
    message: 'must be at least 32 characters (openssl rand -base64 32)',
  }),
  TOTP_ENCRYPTION_KEY: totpKey,
});

export type Env = z.infer<typeof baseSchema> & {
  NEXTAUTH_SECRET: string;
  TOTP_ENCRYPTION_KEY: string;
};

export class EnvError extends Error {
  override name = 'EnvError';
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)
    .join('; ');
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const base = baseSchema.safeParse(source);
  if (!base.success) throw new EnvError(`Invalid environment: ${describe(base.error)}`);

  if (base.data.NODE_ENV === 'production') {
    const secrets = productionSecrets.safeParse(base.data);
    if (!secrets.success) throw new EnvError(`Invalid environment: ${describe(secrets.error)}`);
    return { ...base.data, ...secrets.data };
  }

  const totp = base.data.TOTP_ENCRYPTION_KEY ?? DEVELOPMENT_TOTP_KEY;
  const totpCheck = totpKey.safeParse(totp);
  if (!totpCheck.success) {
    throw new EnvError(
      `Invalid environment: TOTP_ENCRYPTION_KEY: ${totpCheck.error.issues[0]?.message}`,
    );
  }

  return {
    ...base.data,
    NEXTAUTH_SECRET: base.data.NEXTAUTH_SECRET ?? DEVELOPMENT_SECRET,
    TOTP_ENCRYPTION_KEY: totp,
  };
}

let cached: Env | undefined;

/** The process environment, parsed on first use so `next build` does not need the secrets. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
