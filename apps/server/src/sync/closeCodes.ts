/**
 * Websocket close codes of /ws/:agreementId (CONTRACTS.md; rules in docs/server-rules.md).
 * The stock y-websocket client stops reconnecting on 4400-4499 ("reconnecting cannot fix this")
 * and retries with backoff on everything else — so the codes below are chosen by that split.
 */
export const CloseCode = {
  /** Server shutting down; the client reconnects to the next instance. */
  GOING_AWAY: 1001,
  /** Frame larger than limits.maxPayloadBytes (sent by `ws` itself). */
  TOO_BIG: 1009,
  /** Internal error or the document failed to load; try again later. */
  INTERNAL: 1011,
  /** Storage is failing or the socket could not keep up; try again later. */
  TRY_AGAIN_LATER: 1013,
  /** Malformed frame, unknown message type or invalid agreement id. */
  BAD_MESSAGE: 4400,
  /** No valid session cookie or API token. */
  UNAUTHENTICATED: 4401,
  /** Origin not allowed. */
  FORBIDDEN: 4403,
  /** Unknown agreement, or the caller is not a member (the same answer: no existence leak). */
  NOT_FOUND: 4404,
  /** Authentication did not finish in time. */
  AUTH_TIMEOUT: 4408,
  /** The document reached limits.maxDocBytes. */
  DOC_TOO_LARGE: 4413,
  /** Too many messages or too many connections. */
  RATE_LIMITED: 4429,
} as const;

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];
