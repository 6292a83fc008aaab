import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/**
 * A REST error in the person's language. `overrides` maps a status or error code to a message
 * that fits the action (e.g. 409 on "remove member" means "the last admin").
 */
export function apiErrorText(
  t: TFunction,
  e: unknown,
  overrides: Partial<Record<number | string, string>> = {},
): string {
  if (!(e instanceof ApiError)) return t('apiErrors.generic');
  const own = overrides[e.code] ?? overrides[e.status];
  if (own) return own;
  switch (e.status) {
    case 0:
      return t('apiErrors.network');
    case 400:
      return t('apiErrors.invalid');
    case 401:
      return t('apiErrors.unauthenticated');
    case 403:
      return e.code === 'forbidden_origin' ? t('apiErrors.generic') : t('apiErrors.forbidden');
    case 404:
      return t('apiErrors.notFound');
    case 409:
      return t('apiErrors.conflict');
    case 429:
      return t('apiErrors.rateLimited');
    default:
      return t('apiErrors.generic');
  }
}

/** Which of the server's password rules a 400 message names, if any. */
export function passwordProblem(
  e: unknown,
): 'tooShort' | 'tooLong' | 'fewChars' | 'guessable' | null {
  if (!(e instanceof ApiError) || e.status !== 400) return null;
  const m = e.message.toLowerCase();
  if (!/password/.test(m)) return null;
  if (m.includes('guess')) return 'guessable';
  if (m.includes('different')) return 'fewChars';
  if (m.includes('at most') || m.includes('too big') || m.includes('<=')) return 'tooLong';
  if (m.includes('at least') || m.includes('too small') || m.includes('>=')) return 'tooShort';
  return null;
}

/** The server's password rules, checked before sending (apps/server/src/auth/password.ts). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function localPasswordProblem(password: string): 'tooShort' | 'tooLong' | 'fewChars' | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  if (new Set(password.toLowerCase()).size < 4) return 'fewChars';
  return null;
}
