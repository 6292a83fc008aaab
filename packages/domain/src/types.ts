/**
 * Public value types of the agreement document. Views are plain, frozen-in-time snapshots:
 * reading never hands out a live Yjs type except through the explicit text accessors.
 */

/** Who a measure belongs to: the county, the regional council (IPR), or both. */
export type Party = 'county' | 'ipr' | 'joint';
/** Traffic-light status of a measure. */
export type Health = 'green' | 'yellow' | 'red';
/** Role of a person in one agreement (enforced by the server, not by the document). */
export type Role = 'admin' | 'editor' | 'viewer';
/** What a workflow column means for lateness and progress. */
export type ColumnKind = 'todo' | 'doing' | 'done';
/** Derived state of a milestone, see `milestoneState`. */
export type MilestoneState = 'done' | 'on_track' | 'at_risk' | 'late';

/**
 * Origin of every transaction the domain runs. Compared by identity by Y.UndoManager, so a
 * client passes ONE stable object for all its local edits.
 */
export type TxOrigin =
  | { source: 'local'; userId?: string }
  | { source: 'connection'; userId: string; connectionId?: string }
  | { source: 'storage' }
  | { source: 'seed' }
  | { source: 'migration' };

export interface AgreementMeta {
  schemaVersion: number;
  agreementId: string;
  title: string;
  createdAt: string | null;
}

export interface PartyView {
  id: 'county' | 'ipr';
  /** Name used in the UI, e.g. "Tromsøregionens IPR". */
  name: string;
  /** Full name, e.g. "Tromsøregionens interkommunale politiske råd". */
  fullName: string;
  /** Member municipalities (for the IPR); empty for the county. */
  members: string[];
  rank: string;
}

export interface FocusAreaView {
  id: string;
  /** "1".."4" */
  number: string;
  title: string;
  description: string;
  rank: string;
}

export interface ObjectiveView {
  id: string;
  focusAreaId: string;
  /** e.g. "1.1" or "4" */
  code: string;
  title: string;
  rank: string;
}

export interface StrategyView {
  id: string;
  objectiveId: string;
  title: string;
  /** Free text; sub-points are kept here, one per line starting with "– ". */
  description: string;
  rank: string;
}

export interface OutcomeView {
  id: string;
  /** 1-based position in the agreement's list, as a string. */
  number: string;
  title: string;
  rank: string;
}

export interface ActionPlanView {
  id: string;
  title: string;
  startYear: number;
  endYear: number;
  startDate: string;
  endDate: string;
  evaluation: {
    kind: 'midterm' | 'final';
    title: string;
    year: number;
    description: string;
  };
  rank: string;
}

export interface ColumnView {
  id: string;
  title: string;
  kind: ColumnKind | null;
  rank: string;
}

export interface ChecklistItemView {
  id: string;
  text: string;
  done: boolean;
  rank: string;
}

export interface CommentView {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface StatusUpdateView {
  id: string;
  /** Calendar date of the update, YYYY-MM-DD. */
  date: string;
  health: Health;
  text: string;
  authorId: string;
  authorName: string;
  createdAt: string;
}

export interface MeasureView {
  id: string;
  focusAreaId: string;
  columnId: string;
  rank: string;
  title: string;
  description: string;
  objectiveId: string | null;
  strategyId: string | null;
  party: Party | null;
  owners: string[];
  startDate: string | null;
  dueDate: string | null;
  health: Health;
  archived: boolean;
  outcomeIds: string[];
  checklist: ChecklistItemView[];
  comments: CommentView[];
  statusUpdates: StatusUpdateView[];
  createdAt: string;
  updatedAt: string;
}

export type MeetingKind = 'political' | 'administrative';

/**
 * A joint meeting (møte) of the county and the IPR: a calendar entry. `political` is the
 * twice-yearly meeting of the political and administrative leadership (agreement 5.1),
 * `administrative` a regular administrative meeting (5.2).
 */
export interface MeetingView {
  id: string;
  date: string;
  title: string;
  kind: MeetingKind;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MilestoneView {
  id: string;
  focusAreaId: string;
  title: string;
  dueDate: string;
  done: boolean;
  doneAt: string | null;
  /** Linked measures, deduplicated, in link order. */
  measureIds: string[];
  createdAt: string;
  updatedAt: string;
}
