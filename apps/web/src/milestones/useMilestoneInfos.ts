import type { MeasureView, MilestoneState } from '@tavla/domain';
import { useMemo } from 'react';
import { today } from '../board/dates';
import type { AgreementSession } from '../sync/session';
import { useAllMeasures, useDerivedMeasures, useStructure } from '../sync/react';
import { type MilestoneInfo, milestoneInfos } from './state';

/** Every milestone's state and progress, recomputed whenever the document changes. */
export function useMilestoneInfos(
  session: AgreementSession,
  todayISO: string = today(),
): Map<string, MilestoneInfo> {
  const structure = useStructure(session);
  const measures = useAllMeasures(session);
  return useMemo(
    () => milestoneInfos(structure.milestones, measures, todayISO, structure.columns),
    [structure.milestones, structure.columns, measures, todayISO],
  );
}

/**
 * Only the states of one focus area's milestones, keeping its identity while no state changes,
 * so a board does not re-render on every card edit just to label its milestone rows.
 */
export function useMilestoneStates(
  session: AgreementSession,
  focusAreaId: string,
): ReadonlyMap<string, MilestoneState> {
  const structure = useStructure(session);
  const derive = useMemo(() => {
    const todayISO = today();
    const mine = structure.milestones.filter((m) => m.focusAreaId === focusAreaId);
    return (all: MeasureView[]) => {
      const infos = milestoneInfos(mine, all, todayISO, structure.columns);
      return new Map([...infos].map(([id, i]) => [id, i.state]));
    };
  }, [structure.milestones, structure.columns, focusAreaId]);
  return useDerivedMeasures(session, derive, sameStates);
}

function sameStates(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
