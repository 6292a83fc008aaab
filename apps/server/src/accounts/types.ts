/** Same union as `Role` of @tavla/domain; declared here so accounts need no document code. */
export type Role = 'admin' | 'editor' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'editor', 'viewer'];

export type OrganisationKind = 'county' | 'ipr' | 'municipality';

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** A user as the API shows it (contract: `user`). Never carries the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  organisation: Organisation | null;
}

export interface User extends PublicUser {
  isInstanceAdmin: boolean;
  createdAt: number;
  disabledAt: number | null;
}

export interface AgreementSummary {
  id: string;
  title: string;
  role: Role;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  organisation: Organisation | null;
  role: Role;
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
