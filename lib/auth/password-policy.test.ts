import { describe, expect, it } from 'vitest';

import { PASSWORD_MAX_LENGTH, passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['11 characters', 'k9#vQ2!mzL4', 'Password must be at least 12 characters.'],
    ['257 characters', 'x7$'.repeat(85) + 'ab', 'Password must be at most 256 characters.'],
  ])('refuses %s by length', (_label, password, reason) => {
    expect(passwordProblem(password)).toBe(reason);
  });

  it('counts characters, not bytes: 12 emoji are 12 characters', () => {
    expect(passwordProblem('🐢🦊🐙🦉🐝🦋🐞🦀🐬🦒🦔🐧')).toBeNull();
  });

  it.each([
    ['a common password padded to length', 'password1234'],
    ['a famous pattern with symbols', 'Password123!'],
    ['a keyboard walk', 'qwertyuiopasdf'],
    ['a repeated word', 'letmeinletmein'],
    ['repeated characters', 'aaaaaaaaaaaa'],
    ['a digit sequence', '123456789012'],
  ])('refuses %s with the reason', (_label, password) => {
    const problem = passwordProblem(password);
    expect(problem).toMatch(/^This password is too easy to guess\. \S.+ Try a passphrase/);
  });

  it('refuses the account email and the product name as the main ingredient', () => {
    expect(
      passwordProblem('grace.hopper1906', ['grace.hopper@example.com', 'grace.hopper']),
    ).toMatch(/too easy to guess/);
    expect(passwordProblem('servicebay2026!')).toMatch(/too easy to guess/);
  });

  it.each([
    'correct horse battery staple',
    'a sufficiently long passphrase',
    'kX9#mP2$vL7@qR4z',
    'Grüße aus Köln, 42 Mal!',
    'spaces   and\ttabs and\nnewlines are fine',
  ])('accepts %j: any characters, no composition rules', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it('accepts a password of the longest allowed length', () => {
    const words = ['otter', 'quartz', 'lantern', 'fjord', 'pepper', 'vellum', 'cobalt', 'mango'];
    let long = '';
    for (let i = 0; long.length < PASSWORD_MAX_LENGTH; i += 1) {
      long += `${words[i % words.length]}${i} `;
    }
    long = long.slice(0, PASSWORD_MAX_LENGTH);
    expect(long).toHaveLength(PASSWORD_MAX_LENGTH);
    expect(passwordProblem(long)).toBeNull();
  });
});
