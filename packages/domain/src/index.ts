/**
 * @tavla/domain — the typed model of one growth agreement in one Y.Doc.
 * The format is specified in docs/document-format.md; rule ids ([F1], [O2], ...) refer to it.
 * This file is the package's only public door.
 */

/** The REST API's answers, shared by server and web (docs/api.md). */
export type {
  ActivityEvent,
  ActivityPage,
  AgreementSummary,
  AgreementSummaryModel,
  ApiTokenInfo,
  FocusAreaSummary,
  HealthCounts,
  InvitationInfo,
  InvitationView,
  Member,
  MilestoneRow,
  ObjectiveSummary,
  Organisation,
  OrganisationKind,
  PublicUser,
  SessionInfo,
  StatusUpdateRow,
} from './api.js';
export type {
  ActionPlanView,
  AgreementMeta,
  ChecklistItemView,
  ColumnKind,
  ColumnView,
  CommentView,
  FocusAreaView,
  Health,
  MeasureView,
  MeetingKind,
  MeetingView,
  MilestoneState,
  MilestoneView,
  ObjectiveView,
  OutcomeView,
  Party,
  PartyView,
  Role,
  StatusUpdateView,
  StrategyView,
  TxOrigin,
} from './types.js';
export {
  DomainError,
  type DomainErrorCode,
  type DomainIssue,
  isDomainError,
} from './errors.js';
export { DEFAULT_COLUMNS, type DefaultColumn, PARTY_LABELS, SCHEMA_VERSION } from './constants.js';
export { isValidDate, LIMITS } from './schema.js';
export { LOCAL_ORIGIN, ROOT, setClock } from './doc.js';
export { compareRanked, rankBetween, type Ranked } from './rank.js';

export { initAgreement, readMeta } from './meta.js';
export { assertSupportedVersion, readSchemaVersion } from './version.js';
export { migrate, MIGRATIONS } from './migrations/index.js';
export type { Migration } from './migrations/types.js';

export {
  createColumn,
  listColumns,
  moveColumn,
  readColumn,
  renameColumn,
  setColumnKind,
} from './columns.js';
export {
  listActionPlans,
  listFocusAreas,
  listObjectives,
  listOutcomes,
  listParties,
  listStrategies,
  readFocusArea,
} from './hierarchyRead.js';
export {
  createFocusArea,
  createObjective,
  createOutcome,
  createStrategy,
  updateFocusArea,
  updateObjective,
  updateOutcome,
  updateStrategy,
} from './hierarchy.js';
export {
  listMeasures,
  type MeasureFilter,
  type MeasureTextField,
  measureMap,
  measureText,
  readMeasure,
  readMeasureTitle,
} from './measureRead.js';
export {
  archiveMeasure,
  type CreateMeasureInput,
  createMeasure,
  type MeasurePatch,
  moveMeasure,
  restoreMeasure,
  setMeasureOutcome,
  setMeasureOwner,
  setMeasureText,
  stampTyping,
  TYPING_STAMP_INTERVAL_MS,
  updateMeasure,
} from './measures.js';
export {
  addChecklistItem,
  addComment,
  addStatusUpdate,
  removeChecklistItem,
  setChecklistItem,
} from './measureItems.js';
export {
  completeMilestone,
  createMilestone,
  linkMeasure,
  listMilestones,
  listMilestonesForMeasure,
  milestoneTitle,
  readMilestone,
  reopenMilestone,
  unlinkMeasure,
  updateMilestone,
} from './milestones.js';
export {
  createMeeting,
  deleteMeeting,
  listMeetings,
  MEETING_KINDS,
  readMeeting,
  updateMeeting,
} from './meetings.js';
export { type HealthSummary, isLate, milestoneState, summariseHealth } from './rules.js';
export { measureTextEdits, observeAgreement, textBefore, textChanged } from './observe.js';
export type { DemoAuthor } from './seed/demo.data.js';
export {
  type DemoPeople,
  SEED_TIME,
  seedTromsvekstavtalen,
  TROMSVEKSTAVTALEN_ID,
} from './seed/seed.js';
export { generateLargeAgreement, seededRandom } from './seed/large.js';
