import * as z from 'zod/mini';

/**
 * Whether a name, title or address holds only text a person could have typed: no control
 * characters (C0, DEL, C1: NUL, escape sequences, line breaks) and no UTF-16 surrogate without
 * its pair. JSON can carry both (`"\u0000"`, `"\ud800"`), but neither is text: SQLite stores a
 * lone surrogate as U+FFFD, so the name kept would not be the name sent, and control characters
 * in a name shown to others can rewrite what the screen or a terminal shows.
 *
 * @example isPlainText('Kåre 🦭') // true
 * @example isPlainText('a\u0000b') // false
 */
export function isPlainText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i += 1;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** Whether every UTF-16 surrogate has its pair (a password may hold anything else). */
export function isWellFormed(value: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
}

export const NOT_PLAIN_TEXT = 'no control characters or broken Unicode';

/** A one-line name or title: trimmed, 1 to `max` characters, plain text. */
export const lineOfText = (max: number) =>
  z
    .string()
    .check(z.trim(), z.minLength(1), z.maxLength(max), z.refine(isPlainText, NOT_PLAIN_TEXT));

/** A new password: any characters of a length the rules allow, but whole Unicode. */
export const newPasswordText = (min: number, max: number) =>
  z.string().check(z.minLength(min), z.maxLength(max), z.refine(isWellFormed, 'broken Unicode'));
