import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod/mini';
import { AccountError } from '../accounts/types.js';

/** Error codes of the REST API (`{ error: { code, message } }`), as docs/api.md lists them. */
export const API_ERROR_CODES = [
  'bad_request',
  'unauthenticated',
  'invalid_credentials',
  'wrong_password',
  'forbidden',
  'forbidden_origin',
  'session_required',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** An HTTP error with a stable machine-readable code; rendered by `apiErrorHandler`. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
    this.name = 'ApiError';
  }
}

const CODE_BY_STATUS: Partial<Record<number, ApiErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function errorBody(code: ApiErrorCode, message: string) {
  return { error: { code, message } };
}

/**
 * Error handler for the API sub-app: every error becomes `{ error: { code, message } }`.
 * Unexpected errors are logged and answered with a generic 500, never with their message.
 */
export function apiErrorHandler(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message), err.status, err.headers);
  }
  if (err instanceof AccountError) {
    const status = err.code === 'conflict' ? 409 : err.code === 'not_found' ? 404 : 400;
    return c.json(
      errorBody(err.code === 'invalid' ? 'bad_request' : err.code, err.message),
      status,
    );
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json(errorBody(CODE_BY_STATUS[status] ?? 'bad_request', err.message), status);
  }
  console.error('api: unexpected error', err);
  return c.json(errorBody('internal', 'internal error'), 500);
}

/** Decodes strictly: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and validates a JSON body; anything else is a 400 `bad_request`. The body must be
 * UTF-8 (RFC 8259 §8.1): decoded leniently, a stray byte would become U+FFFD and be stored
 * in a name as if the person had typed it.
 */
export async function readJson<S extends z.ZodMiniType>(
  c: Context,
  schema: S,
): Promise<z.output<S>> {
  let bytes: ArrayBuffer;
  try {
    bytes = await c.req.arrayBuffer();
  } catch {
    // The client went away mid-body (or sent a broken chunked encoding).
    throw new ApiError(400, 'bad_request', 'request body could not be read');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError(400, 'bad_request', 'request body must be UTF-8');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request', 'request body must be JSON');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    // Paths and messages only: never echo submitted values (they may be passwords).
    const detail = result.error.issues
      .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
      .join('; ');
    throw new ApiError(400, 'bad_request', detail.slice(0, 500));
  }
  return result.data;
}
