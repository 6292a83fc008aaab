import type { Role } from '../accounts/types.js';

/** A membership was added, changed or removed (`role` null), or the user lost all access. */
export type AccessChangeListener = (userId: string, agreementId: string, role: Role | null) => void;

/**
 * Credentials that stop working now: the sync layer closes sockets authenticated with them.
 * `sessionIds` are the stored ids (`Principal.sessionId`), never the cookie secrets.
 */
export interface CredentialRevocation {
  userId: string;
  sessionIds: string[];
  tokenIds: string[];
}
export type RevocationListener = (revocation: CredentialRevocation) => void;

/** Tiny typed emitter; a throwing listener must not stop the others or the request. */
export class Listeners<Args extends unknown[]> {
  readonly #listeners = new Set<(...args: Args) => void>();

  add(listener: (...args: Args) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(...args: Args): void {
    for (const listener of this.#listeners) {
      try {
        listener(...args);
      } catch (err) {
        console.error('auth: access listener failed', err);
      }
    }
  }
}
