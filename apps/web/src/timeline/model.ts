import type { ActionPlanView, FocusAreaView, MeetingView, ObjectiveView } from '@tavla/domain';
import type { MilestoneInfo } from '../milestones/state';
import { inPeriod, type Period } from './scale';

export interface ObjectiveRow {
  /** null: milestones none of whose measures has a delmål. */
  objective: ObjectiveView | null;
  milestones: MilestoneInfo[];
}

export interface FocusAreaLane {
  focusArea: FocusAreaView;
  milestones: MilestoneInfo[];
  objectives: ObjectiveRow[];
  /** Milestones of this focus area outside the period. */
  outside: number;
}

export function planPeriod(plan: Pick<ActionPlanView, 'startDate' | 'endDate'>): Period {
  return { start: plan.startDate, end: plan.endDate };
}

/** One lane per focus area (in rank order) with its milestones in the period, by delmål too. */
export function buildLanes(
  focusAreas: readonly FocusAreaView[],
  objectives: readonly ObjectiveView[],
  infos: ReadonlyMap<string, MilestoneInfo>,
  period: Period,
): FocusAreaLane[] {
  const all = [...infos.values()];
  return focusAreas.map((fa) => {
    const mine = all.filter((i) => i.milestone.focusAreaId === fa.id);
    const inside = mine.filter((i) => inPeriod(period, i.milestone.dueDate));
    const rows: ObjectiveRow[] = objectives
      .filter((o) => o.focusAreaId === fa.id)
      .map((o) => ({
        objective: o,
        milestones: inside.filter((i) => i.measures.some((m) => m.objectiveId === o.id)),
      }));
    const loose = inside.filter((i) => !i.measures.some((m) => m.objectiveId));
    if (loose.length > 0) rows.push({ objective: null, milestones: loose });
    return {
      focusArea: fa,
      milestones: inside,
      objectives: rows,
      outside: mine.length - inside.length,
    };
  });
}

export interface EvaluationMark {
  title: string;
  kind: 'midterm' | 'final';
  /** The date of the evaluation milestone when one exists (same title), else null. */
  date: string | null;
  /** The evaluation year, as a band when there is no date. */
  year: number;
}

/** The plan's evaluation point (mid-term 2026 / final 2028) and the meetings within the period. */
export function periodMarks(
  plan: ActionPlanView,
  infos: ReadonlyMap<string, MilestoneInfo>,
  meetings: readonly MeetingView[] = [],
): { evaluation: EvaluationMark | null; meetings: MeetingView[] } {
  const period = planPeriod(plan);
  const all = [...infos.values()].map((i) => i.milestone);
  let evaluation: EvaluationMark | null = null;
  if (plan.evaluation.title) {
    const norm = (s: string) => s.trim().toLocaleLowerCase('nb');
    const dates = all
      .filter((m) => norm(m.title) === norm(plan.evaluation.title))
      .map((m) => m.dueDate)
      .filter((d) => inPeriod(period, d))
      .sort();
    evaluation = {
      title: plan.evaluation.title,
      kind: plan.evaluation.kind,
      date: dates[0] ?? null,
      year: plan.evaluation.year,
    };
  }
  // Meetings are the document's own (listMeetings: by date, then id), not guessed from titles.
  return { evaluation, meetings: meetings.filter((m) => inPeriod(period, m.date)) };
}

/** The plan whose period contains today, else the next one, else the last. */
export function currentPlan(
  plans: readonly ActionPlanView[],
  todayISO: string,
): ActionPlanView | undefined {
  return (
    plans.find((p) => p.startDate <= todayISO && todayISO <= p.endDate) ??
    plans.find((p) => p.startDate > todayISO) ??
    plans[plans.length - 1]
  );
}
