import type { Health, MilestoneState, Role } from './types.js';

/**
 * The REST API's answers (docs/api.md) as the server sends them and the web app reads them: one
 * definition for both, so that a change on one side the other does not expect fails the
 * typecheck, not a page. Types only; nothing here exists at run time.
 */

export type OrganisationKind = 'county' | 'ipr' | 'municipality';

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** A person as the API shows them (`user` in the contract); never a password hash. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  organisation: Organisation | null;
}

/** GET /api/agreements: an agreement the user is a member of, with their role. */
export interface AgreementSummary {
  id: string;
  title: string;
  role: Role;
}

/** GET /api/agreements/:id/members */
export interface Member {
  userId: string;
  name: string;
  email: string;
  organisation: Organisation | null;
  role: Role;
}

/** GET /api/me/sessions: one signed-in browser. */
export interface SessionInfo {
  /** Stored id (a hash of the cookie secret): it cannot be used to sign in. */
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  /** The session this request came with. */
  current: boolean;
}

/** GET /api/tokens: an API token without its secret (shown once, when created). */
export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A pending invitation as an agreement admin sees it (the secret only in the create answer). */
export interface InvitationView {
  id: string;
  agreementId: string;
  email: string;
  role: Role;
  organisationId: string | null;
  /** User id of who sent it. */
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

/** GET /api/invitations/:token: the invitee's side of an invitation link (no sign-in needed). */
export interface InvitationInfo {
  agreement: { id: string; title: string };
  email: string;
  role: Role;
  expiresAt: string;
  /** Who sent it: the name only, never their e-mail. */
  invitedBy: { name: string } | null;
}

/** One entry of GET /api/agreements/:id/activity (and of a measure's feed). */
export interface ActivityEvent {
  /** `d<n>` for document changes, `a<n>` for administrative events. */
  id: string;
  at: string;
  actor: { id: string; name: string } | null;
  kind: string;
  measureId?: string;
  milestoneId?: string;
  /** The facts to phrase in the reader's language; the shape depends on `kind`. */
  summary: Record<string, unknown>;
}

export interface ActivityPage {
  events: ActivityEvent[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextCursor?: string;
  /**
   * The server's time when it answered (ISO, ms), by the clock that stamps `at`: a browser
   * whose clock is off measures its offset from it. Absent from servers before it was added.
   */
  serverTime?: string;
}

/** A row of GET /api/milestones and of a summary's milestone lists. */
export interface MilestoneRow {
  agreementId: string;
  agreementTitle: string;
  id: string;
  focusAreaId: string;
  focusAreaNumber: string;
  focusAreaTitle: string;
  title: string;
  dueDate: string;
  done: boolean;
  state: MilestoneState;
  measureIds: string[];
  measureCount: number;
  measuresDone: number;
  measuresRed: number;
  measuresLate: number;
}

/** Measures per health; `none` is for measures not assessed (none can be, yet). */
export type HealthCounts = Record<Health | 'none', number>;

/** The newest status update of a measure, in a summary. */
export interface StatusUpdateRow {
  measureId: string;
  measureTitle: string;
  date: string;
  health: Health;
  text: string;
  authorName: string;
}

export interface ObjectiveSummary {
  id: string;
  code: string;
  title: string;
  health: HealthCounts;
  strategies: { id: string; title: string; health: HealthCounts }[];
  latestStatusUpdates: StatusUpdateRow[];
}

export interface FocusAreaSummary {
  id: string;
  number: string;
  title: string;
  measures: {
    total: number;
    perColumn: Record<string, number>;
    perHealth: HealthCounts;
    late: number;
    noOwner: number;
    noObjective: number;
    changedLast14Days: number;
  };
  measureIds: {
    late: string[];
    noOwner: string[];
    noObjective: string[];
    changedLast14Days: string[];
    red: string[];
    yellow: string[];
    green: string[];
    none: string[];
  };
  milestones: { next90Days: MilestoneRow[]; overdue: MilestoneRow[] };
  objectives: ObjectiveSummary[];
}

/** GET /api/agreements/:id/summary: the manager overview of one agreement. */
export interface AgreementSummaryModel {
  agreementId: string;
  title: string;
  generatedAt: string;
  today: string;
  columns: { id: string; title: string; kind: string | null }[];
  focusAreas: FocusAreaSummary[];
}
