import type * as z from 'zod/mini';

export type DomainErrorCode = 'invalid' | 'not_found' | 'conflict';

export interface DomainIssue {
  path: string;
  message: string;
}

/**
 * The only error the domain throws on purpose. `code` is stable and meant for callers:
 * `invalid` (bad input, nothing written), `not_found` (unknown id), `conflict` (the document is
 * in a state that forbids the operation, e.g. a newer schema version).
 *
 * @example
 * try { moveMeasure(doc, id, { columnId: 'nope', index: 0 }) }
 * catch (e) { if (e instanceof DomainError && e.code === 'not_found') showToast(e.message) }
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly issues?: DomainIssue[];

  constructor(code: DomainErrorCode, message: string, issues?: DomainIssue[]) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    if (issues) this.issues = issues;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

export function notFound(kind: string, id: string): DomainError {
  return new DomainError('not_found', `${kind} not found: ${id}`);
}

export function invalid(message: string, path = ''): DomainError {
  return new DomainError('invalid', message, [{ path, message }]);
}

/** Parses `value` with `schema`, throwing DomainError('invalid') with the zod issues on failure. */
export function parseInput<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  const first = issues[0];
  const detail = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid';
  throw new DomainError('invalid', `Invalid ${what}: ${detail}`, issues);
}
