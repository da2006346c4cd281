import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

// NIST SP 800-63B-4: at least 12 characters here (15 is the floor without a second factor
// in the final text, 8 with one; 12 is ASVS 5.0's level 1-2 minimum), at least 64 allowed (we
// allow 256), every character allowed and counted as typed, no composition rules, and a check
// against passwords known to be common or breached.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// zxcvbn's score 3 means about 10^8 guesses: out of reach of an online attack that is
// throttled, and above every entry of the common-password list and its simple variants.
const MIN_SCORE = 3;

// Built on first use: the dictionaries (common passwords, English words and names) are large.
let estimator: ZxcvbnFactory | undefined;

function strength() {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    maxLength: PASSWORD_MAX_LENGTH,
  });
  return estimator;
}

/**
 * Returns why a password is refused, or null when it is acceptable. `context` holds words a
 * guesser would try first for this account (its email, the product name).
 */
export function passwordProblem(password: string, context: string[] = []): string | null {
  // Code points, so that an emoji or an accented letter counts as the one character it looks.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Password must be at most ${PASSWORD_MAX_LENGTH} characters.`;
  }

  const result = strength().check(password, ['servicebay', ...context]);
  if (result.score >= MIN_SCORE) return null;

  const reason = result.feedback.warning ?? 'It is a common pattern that attackers try early.';
  return `This password is too easy to guess. ${reason} Try a passphrase of several unrelated words.`;
}
