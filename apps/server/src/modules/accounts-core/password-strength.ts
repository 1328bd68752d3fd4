import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEnglish from '@zxcvbn-ts/language-en';
import { AppError } from '@flowpilot/core/app-error';

/**
 * The one check for every password a person chooses (sign-up, an owner creating a user, any
 * future password change), per OWASP ASVS 2.1: long enough counting only what is typed between
 * the ends, not only invisible characters, and not guessable: zxcvbn-ts (dictionaries of common
 * passwords, names and words, keyboard patterns, sequences, l33t) must rate it 3 of 4 or better,
 * with the person's own email, name and account name counted as guessable too.
 */

export const MIN_PASSWORD_LENGTH = 10;
const MIN_SCORE = 3;

// Built on first use: loading the dictionaries takes a few hundred milliseconds.
let estimator: ZxcvbnFactory | undefined;
const strength = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEnglish.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEnglish.translations,
  }));

// Whitespace and format characters (zero-width space and joiners, BOM, bidi marks) show nothing.
const INVISIBLE = /[\s\p{Cf}]/gu;
const COMMON_PASSWORD_WARNING = /commonly used|frequently used|heavily used|top-10|top-100/i;

/** Why the password would be refused, in a sentence for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, personal: readonly string[] = []): string | null {
  if (password.replace(INVISIBLE, '').length === 0)
    return 'A password cannot be only spaces or invisible characters.';
  if ([...password.trim()].length < MIN_PASSWORD_LENGTH)
    return `Use at least ${MIN_PASSWORD_LENGTH} characters (spaces at the start or end do not count).`;
  const result = strength().check(
    password,
    personal.filter((input) => input.trim() !== ''),
  );
  if (result.score >= MIN_SCORE) return null;
  const warning = result.feedback.warning ?? '';
  if (COMMON_PASSWORD_WARNING.test(warning))
    return 'This password is one of the most common passwords, so it would be among the first guessed. A phrase of three or four unrelated words works well.';
  if (result.sequence.some((match) => 'dictionaryName' in match && match.dictionaryName === 'userInputs'))
    return 'This password is easy to guess: it contains your email, your name or the account name.';
  const why = warning ? ` ${warning}` : '';
  return `This password is easy to guess.${why} A phrase of three or four unrelated words works well.`;
}

/** Throws 422 with the reason on `body.password`, like a schema error, so the form shows it next to the field. */
export function assertStrongPassword(password: string, personal: readonly string[]) {
  const problem = passwordProblem(password, personal);
  if (problem) {
    throw new AppError('validation_failed', 'Choose a stronger password.', {
      errors: [{ field: 'body.password', message: problem }],
    });
  }
}
