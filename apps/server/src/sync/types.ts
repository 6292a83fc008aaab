/** Roles per agreement (same union as @tavla/domain's Role). */
export type Role = 'admin' | 'editor' | 'viewer';

/** Transaction origins used by the server (a subset of @tavla/domain's TxOrigin). */
export type ServerTxOrigin =
  | { source: 'connection'; userId: string; connectionId: string }
  | { source: 'storage' }
  | { source: 'seed' };

/** The one origin object for applying stored state: "do not store what you just loaded". */
export const STORAGE_ORIGIN: ServerTxOrigin = Object.freeze({ source: 'storage' });

/** Principal as produced by the auth module (CONTRACTS.md). */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  organisation: { id: string; name: string; kind: string } | null;
  sessionId?: string;
  tokenId?: string;
}

/** What the sync layer needs from the auth module (a subset of its `Auth`). */
export interface SyncAuth {
  authenticateRequest(headers: Headers): Promise<Principal | null>;
  roleFor(userId: string, agreementId: string): Role | null | Promise<Role | null>;
  isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean;
}
