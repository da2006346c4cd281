import type { TwoFactorError, TwoFactorFailure } from './errors';

// next-auth v4 turns an error thrown by a Credentials provider's authorize() into the `error`
// string that signIn() returns to the browser. The 2FA step throws one of these so the login
// form can show the precise reason and knows whether the sign-in must start over.
const PREFIX = 'two-factor:';

// Refusals after which the pending sign-in is gone: the password step must be repeated.
const RESTARTS: readonly TwoFactorFailure[] = [
  'challenge_expired',
  'challenge_abandoned',
  'locked',
  'not_enabled',
];

export function encodeRefusal(error: TwoFactorError): string {
  return `${PREFIX}${error.reason}|${error.message}`;
}

export interface SignInRefusal {
  message: string;
  /** The pending sign-in is gone; the user must enter the password again. */
  restart: boolean;
}

/** Reads the `error` of a failed signIn('challenge'); anything unknown means start over. */
export function describeRefusal(error: string | null | undefined): SignInRefusal {
  if (error?.startsWith(PREFIX)) {
    const separator = error.indexOf('|');
    const reason = error.slice(PREFIX.length, separator) as TwoFactorFailure;
    const message = error.slice(separator + 1);
    if (separator > 0 && message) return { message, restart: RESTARTS.includes(reason) };
  }
  return { message: 'Your sign-in has expired. Sign in again.', restart: true };
}
