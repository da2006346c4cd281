import { describe, expect, it } from 'vitest';

import { TwoFactorError, lockedError } from './errors';
import { describeRefusal, encodeRefusal } from './sign-in-refusal';

describe('sign-in refusals sent through next-auth', () => {
  it('keeps a wrong code on the second step with its message', () => {
    const error = new TwoFactorError('wrong_code', 'That code is not correct.');
    expect(describeRefusal(encodeRefusal(error))).toEqual({
      message: 'That code is not correct.',
      restart: false,
    });
  });

  it.each([
    new TwoFactorError('challenge_abandoned', 'Too many wrong codes for this sign-in.'),
    new TwoFactorError('challenge_expired', 'Your sign-in has expired. Sign in again.'),
    lockedError(new Date(Date.UTC(2030, 0, 1, 0, 15))),
  ])('sends the user back to the password step after $reason', (error) => {
    expect(describeRefusal(encodeRefusal(error))).toEqual({
      message: error.message,
      restart: true,
    });
  });

  it.each([null, undefined, 'CredentialsSignin', 'two-factor:', 'two-factor:wrong_code'])(
    'treats %j as an expired sign-in',
    (error) => {
      expect(describeRefusal(error)).toEqual({
        message: 'Your sign-in has expired. Sign in again.',
        restart: true,
      });
    },
  );
});
