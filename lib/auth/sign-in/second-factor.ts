import type { SignInChallenge } from '@/db/queries/sign-in-challenges';

/** What the browser sends with `signIn('challenge', ...)`, e.g. `{ code }` for the 2FA step. */
export type SecondFactorCredentials = Record<string, string | undefined>;

/**
 * The two-factor step of a sign-in whose challenge has `needs_second_factor`. The 2FA work
 * (lib/two-factor) replaces this body with TOTP and recovery-code checks, including counting
 * failed attempts on the challenge. Until then an account with 2FA enabled cannot get a
 * session from its password alone: this refuses.
 */
export async function verifySecondFactorForChallenge(
  challenge: SignInChallenge,
  credentials: SecondFactorCredentials,
): Promise<boolean> {
  void challenge;
  void credentials;
  return false;
}
