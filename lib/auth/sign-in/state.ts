/** What the password step tells the login form. Never says whether the account exists. */
export type PasswordStepResult =
  | { status: 'invalid'; message: string; fieldErrors: { email?: string; password?: string } }
  | { status: 'challenge'; needsSecondFactor: boolean };

export const INVALID_CREDENTIALS = 'Invalid email or password';
