// Every way a two-factor operation can be refused, with the sentence the user sees. The UI
// shows `message` inline; `reason` lets callers and tests branch without matching text.
export type TwoFactorFailure =
  | 'wrong_password'
  | 'password_locked'
  | 'malformed_code'
  | 'wrong_code'
  | 'replayed_code'
  | 'locked'
  | 'challenge_expired'
  | 'challenge_abandoned'
  | 'already_enabled'
  | 'not_enabled'
  | 'no_pending_secret';

export class TwoFactorError extends Error {
  override name = 'TwoFactorError';

  constructor(
    readonly reason: TwoFactorFailure,
    message: string,
    readonly lockedUntil: Date | null = null,
  ) {
    super(message);
  }
}

export function isTwoFactorError(error: unknown): error is TwoFactorError {
  return error instanceof TwoFactorError;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

export function lockedError(lockedUntil: Date): TwoFactorError {
  return new TwoFactorError(
    'locked',
    `Too many wrong codes. Two-factor verification for this account is locked until ` +
      `${timeFormat.format(lockedUntil)}.`,
    lockedUntil,
  );
}

export const wrongPassword = () =>
  new TwoFactorError('wrong_password', 'The password is not correct.');

/** Too many wrong passwords for the account; the message says how long the lock lasts. */
export const tooManyPasswords = (message: string) => new TwoFactorError('password_locked', message);

export const malformedCode = (kind: 'totp' | 'recovery') =>
  new TwoFactorError(
    'malformed_code',
    kind === 'totp'
      ? 'Enter the 6-digit code from your authenticator app.'
      : 'Enter a recovery code in the form xxxxx-xxxxx.',
  );
