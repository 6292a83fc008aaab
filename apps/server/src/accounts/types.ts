import type { PublicUser, Role } from '@tavla/domain';

// The API's shapes are shared with the web app (packages/domain/src/api.ts); types only, so
// accounts still load no document code.
export type {
  AgreementSummary,
  Member,
  Organisation,
  OrganisationKind,
  PublicUser,
  Role,
} from '@tavla/domain';
export const ROLES: readonly Role[] = ['admin', 'editor', 'viewer'];

export interface User extends PublicUser {
  isInstanceAdmin: boolean;
  createdAt: number;
  disabledAt: number | null;
}

/** Errors of the account services; the HTTP layer maps `code` to a status. */
export class AccountError extends Error {
  constructor(
    readonly code: 'conflict' | 'not_found' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

/** One administrative event of an agreement (membership, invitation), for the activity feed. */
export interface AuditEvent {
  id: number;
  at: string;
  kind: string;
  actor: { id: string; name: string } | null;
  subject: { id: string; name: string } | null;
  detail: Record<string, unknown> | null;
}
