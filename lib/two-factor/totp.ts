import { generate, generateSecret, generateURI, verify } from 'otplib';

// RFC 6238 as every authenticator app implements it: SHA-1, 6 digits, 30-second steps.
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ISSUER = 'Servicebay';
const SECRET_BYTES = 20; // 160 bits, the RFC 4226 recommendation.

// Exactly one step of clock drift either way: from the previous step to the next one.
const DRIFT_SECONDS = TOTP_PERIOD_SECONDS;

export function createTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

export function totpUri(secret: string, email: string): string {
  return generateURI({
    issuer: TOTP_ISSUER,
    label: email,
    secret,
    algorithm: 'sha1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** The base32 secret in groups of four, easier to type into an app by hand. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

export function epochSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

export function timeStepAt(now: Date): number {
  return Math.floor(epochSeconds(now) / TOTP_PERIOD_SECONDS);
}

/** Spaces are allowed (apps show `123 456`); anything else that is not 6 digits is malformed. */
export function normaliseTotpCode(input: string): string | null {
  const code = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

export function totpCodeAt(secret: string, now: Date): Promise<string> {
  return generate({
    secret,
    epoch: epochSeconds(now),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    algorithm: 'sha1',
  });
}

export type TotpCheck =
  { valid: true; step: number } | { valid: false; reason: 'wrong' | 'replayed' };

/**
 * Checks a well-formed code against the steps around `now`, skipping every step at or before
 * `lastUsedStep`. This is only the arithmetic: the caller must still claim the step in the
 * database (see recordUsedStep) so that two concurrent uses cannot both pass.
 */
export async function checkTotpCode(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): Promise<TotpCheck> {
  const options = {
    secret,
    token: code,
    epoch: epochSeconds(now),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    algorithm: 'sha1',
    epochTolerance: DRIFT_SECONDS,
  } as const;

  // otplib refuses an afterTimeStep beyond its window; then every candidate step is used up.
  const newestStep = timeStepAt(now) + 1;
  if (lastUsedStep !== null && lastUsedStep >= newestStep) {
    const seen = await verify(options);
    return seen.valid ? { valid: false, reason: 'replayed' } : { valid: false, reason: 'wrong' };
  }

  const result = await verify({ ...options, afterTimeStep: lastUsedStep ?? undefined });
  // The functional API also covers HOTP, whose results carry no time step.
  if (result.valid && 'timeStep' in result) return { valid: true, step: result.timeStep };

  // Told apart only for the message: the code was right but its step is already spent.
  if (lastUsedStep !== null && (await verify(options)).valid) {
    return { valid: false, reason: 'replayed' };
  }
  return { valid: false, reason: 'wrong' };
}
