import { getDb } from '@/db/client';
import type { SignInChallenge } from '@/db/queries/sign-in-challenges';
import { isTwoFactorError } from '@/lib/two-factor/errors';
import { verifyChallengeSecondFactor } from '@/lib/two-factor/sign-in';
import { encodeRefusal } from '@/lib/two-factor/sign-in-refusal';

/** What the browser sends with `signIn('challenge', ...)`: `{ code }` or `{ recoveryCode }`. */
export type SecondFactorCredentials = Record<string, string | undefined>;

export class SecondFactorRefused extends Error {
  override name = 'SecondFactorRefused';
}

/**
 * The two-factor step of a sign-in whose challenge has `needs_second_factor`: a code from the
 * authenticator app, or a recovery code. Attempts are counted on the challenge and on the
 * account (lib/two-factor/sign-in.ts). A refusal throws, because next-auth hands a thrown
 * message back to signIn() as its `error`: that is how the login form learns the reason.
 */
export async function verifySecondFactorForChallenge(
  challenge: SignInChallenge,
  credentials: SecondFactorCredentials,
): Promise<boolean> {
  const input = credentials.recoveryCode
    ? ({ kind: 'recovery', code: credentials.recoveryCode } as const)
    : ({ kind: 'totp', code: credentials.code ?? '' } as const);

  try {
    await verifyChallengeSecondFactor(await getDb(), challenge, input);
    return true;
  } catch (error) {
    if (!isTwoFactorError(error)) throw error;
    // 2FA was switched off since the password step: this challenge no longer fits the account.
    if (error.reason === 'not_enabled') return false;
    throw new SecondFactorRefused(encodeRefusal(error));
  }
}
