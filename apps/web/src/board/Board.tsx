import {
  type CollisionDetection,
  closestCenter,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragOverEvent,
  type DragStartEvent,
  getFirstCollision,
  KeyboardSensor,
  MouseSensor,
  pointerWithin,
  rectIntersection,
  TouchSensor,
  TraversalOrder,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import {
  type ColumnKind,
  type ColumnView,
  moveColumn,
  moveMeasure,
  readColumn,
  renameColumn,
  setColumnKind,
} from '@tavla/domain';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { useSession } from '../sync/react';
import { AddColumn } from './AddColumn';
import { makeAnnouncements } from './announcements';
import css from './Board.module.css';
import { Column } from './Column';
import { useFlip } from './flip';
import { type BoardLayout, compareRank, dropIndex } from './layout';
import { MeasureCard } from './MeasureCard';

type Containers = Record<string, string[]>;

const SEP = '::';
export const containerKey = (lane: string, columnId: string) => `${lane}${SEP}${columnId}`;
const columnOf = (container: string) => container.slice(container.lastIndexOf(SEP) + SEP.length);

interface Props {
  focusAreaId: string;
  columns: ColumnView[];
  layout: BoardLayout;
  laneLabel: (key: string) => string;
  grouped: boolean;
  /** The card open in the detail panel (?m=): its column shows it (Column's revealId). */
  openId: string | null;
  onOpen: (id: string) => void;
  onError: (e: unknown) => void;
}

function toContainers(layout: BoardLayout): Containers {
  const out: Containers = {};
  for (const lane of layout.lanes)
    for (const [col, ids] of Object.entries(lane.columns)) out[containerKey(lane.key, col)] = ids;
  return out;
}

/**
 * The columns of one focus area (optionally in swimlanes) with drag and drop by mouse, touch
 * and keyboard. During a drag the board works on a local copy of the layout; the drop is one
 * moveMeasure (columnId + rank in one transaction), so concurrent moves never duplicate a card.
 */
export function Board({
  focusAreaId,
  columns,
  layout,
  laneLabel,
  grouped,
  openId,
  onOpen,
  onError,
}: Props) {
  const { t } = useTranslation();
  const { canEdit } = useAgreementContext();
  const session = useSession();
  const base = useMemo(() => toContainers(layout), [layout]);
  const [drag, setDrag] = useState<{ activeId: string; containers: Containers } | null>(null);
  const effective = drag?.containers ?? base;
  const live = useRef(effective);
  live.current = effective;
  const rootRef = useRef<HTMLDivElement>(null);
  const quietUntil = useRef(0);
  useFlip(rootRef, layout, drag !== null, quietUntil);

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // Collision detection after dnd-kit's multiple-containers example: prefer the pointer, then
  // the closest card inside the container under it, and stick to the last target right after
  // a card changed container. Without this, moving a card between columns changes the layout,
  // which flips the collision back and forth and loops (React error 185).
  const lastOverId = useRef<UniqueIdentifier | null>(null);
  const recentlyMoved = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new drag state is the trigger
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      recentlyMoved.current = false;
    });
    return () => cancelAnimationFrame(id);
  }, [drag]);
  const collisionDetection: CollisionDetection = useCallback((args) => {
    const pointer = pointerWithin(args);
    const hits = pointer.length > 0 ? pointer : rectIntersection(args);
    let overId = getFirstCollision(hits, 'id');
    if (overId != null) {
      const items = live.current[String(overId)];
      if (items && items.length > 0) {
        const inside = args.droppableContainers.filter(
          (c) => c.id !== overId && items.includes(String(c.id)),
        );
        overId = closestCenter({ ...args, droppableContainers: inside })[0]?.id ?? overId;
      }
      lastOverId.current = overId;
      return [{ id: overId }];
    }
    if (recentlyMoved.current) lastOverId.current = args.active.id;
    return lastOverId.current != null ? [{ id: lastOverId.current }] : [];
  }, []);

  const findContainer = useCallback((id: UniqueIdentifier): string | undefined => {
    const c = live.current;
    if (typeof id === 'string' && id in c) return id;
    return Object.keys(c).find((k) => c[k]!.includes(String(id)));
  }, []);

  const columnTitle = useCallback(
    (container: string) => columns.find((c) => c.id === columnOf(container))?.title ?? '',
    [columns],
  );

  const announcements = useMemo(
    () =>
      makeAnnouncements(t, {
        titleOf: (id) => session.store.measure(String(id))?.title ?? '',
        placeOf: (overId, activeId) => {
          const container = findContainer(overId);
          if (!container) return null;
          const ids = live.current[container] ?? [];
          const others = ids.filter((x) => x !== activeId);
          const at = ids.indexOf(String(overId));
          const position = at >= 0 ? at + 1 : others.length + 1;
          return { column: columnTitle(container), position, total: others.length + 1 };
        },
      }),
    [t, session, findContainer, columnTitle],
  );

  function onDragStart(e: DragStartEvent) {
    lastOverId.current = null;
    setDrag({ activeId: String(e.active.id), containers: { ...base } });
    session.presence.set({ draggingMeasureId: String(e.active.id) });
  }

  function onDragOver({ active, over }: DragOverEvent) {
    if (!over || over.id === active.id) return;
    const activeId = String(active.id);
    const overId = String(over.id);
    setDrag((d) => {
      if (!d) return d;
      // Work on the drag's own copy (not on a ref of the last render): several dragover events
      // can arrive before React renders.
      const c = d.containers;
      const find = (id: string) => (id in c ? id : Object.keys(c).find((k) => c[k]!.includes(id)));
      const from = find(activeId);
      const to = find(overId);
      if (!from || !to || from === to) return d;
      const dst = [...c[to]!];
      const overIndex = dst.indexOf(overId);
      dst.splice(overIndex >= 0 ? overIndex : dst.length, 0, activeId);
      recentlyMoved.current = true;
      return {
        ...d,
        containers: { ...c, [from]: c[from]!.filter((x) => x !== activeId), [to]: dst },
      };
    });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    const activeId = String(active.id);
    // Our own drop is animated by dnd-kit's drop animation; no FLIP on top of it.
    quietUntil.current = performance.now() + 100;
    session.presence.set({ draggingMeasureId: null });
    const container = over ? findContainer(over.id) : undefined;
    // The agreement turned read-only during the drag (the document became a newer format, or
    // our role changed): the card goes back, as for a drop outside the board.
    if (!over || !container || !canEdit) {
      setDrag(null);
      return;
    }
    let ids = live.current[container] ?? [];
    const oldIndex = ids.indexOf(activeId);
    const overIndex = ids.indexOf(String(over.id));
    if (oldIndex >= 0 && overIndex >= 0 && oldIndex !== overIndex)
      ids = arrayMove(ids, oldIndex, overIndex);
    const columnId = columnOf(container);
    // Siblings: every non-archived measure of this focus area and column, visible or filtered out.
    const siblings = session.store
      .allMeasures()
      .filter(
        (m) =>
          m.focusAreaId === focusAreaId &&
          m.columnId === columnId &&
          !m.archived &&
          m.id !== activeId,
      )
      .sort(compareRank)
      .map((m) => m.id);
    const index = dropIndex(siblings, ids, activeId);
    try {
      moveMeasure(session.doc, activeId, { columnId, index }, session.origin);
    } catch (err) {
      onError(err);
    }
    setDrag(null);
  }

  const onMoveColumn = useCallback(
    (id: string, index: number) => {
      try {
        moveColumn(session.doc, id, index, session.origin);
      } catch (err) {
        onError(err);
      }
    },
    [session, onError],
  );

  const onRenameColumn = useCallback(
    (id: string, title: string, kind: ColumnKind | null) =>
      // One transaction: one undo step, one change for everyone.
      session.doc.transact(() => {
        const now = readColumn(session.doc, id);
        if (now?.title !== title) renameColumn(session.doc, id, title, session.origin);
        if ((now?.kind ?? null) !== kind) setColumnKind(session.doc, id, kind, session.origin);
      }, session.origin),
    [session],
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      // The nearest scroll container first: a card held at a column's lower edge scrolls that
      // column's cards. dnd-kit's default (outermost first) scrolled the page instead, as far as
      // the footer below the window's edge (BoardPage.module.css), and then stopped.
      autoScroll={{ order: TraversalOrder.ReversedTreeOrder }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        session.presence.set({ draggingMeasureId: null });
        setDrag(null);
      }}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: t('dnd.instructions') },
      }}
    >
      <div className={css.board} ref={rootRef} data-grouped={grouped || undefined}>
        {layout.lanes.map((lane, laneIndex) => (
          <section
            key={lane.key}
            className={css.lane}
            aria-label={grouped ? laneLabel(lane.key) : undefined}
            data-testid={grouped ? 'swimlane' : undefined}
          >
            {grouped && <h2 className={css.laneTitle}>{laneLabel(lane.key)}</h2>}
            <div
              className={css.columns}
              // The lanes below the first keep the room of its "Legg til kolonne", so that the
              // columns of all lanes line up.
              data-add-column-room={(laneIndex > 0 && canEdit) || undefined}
            >
              {columns.map((col, i) => {
                const key = containerKey(lane.key, col.id);
                const ids = effective[key] ?? [];
                return (
                  <Column
                    key={col.id}
                    column={col}
                    containerId={key}
                    ids={ids}
                    revealId={openId && ids.includes(openId) ? openId : undefined}
                    focusAreaId={focusAreaId}
                    laneLabel={grouped ? laneLabel(lane.key) : undefined}
                    onOpen={onOpen}
                    index={i}
                    columnCount={columns.length}
                    onMoveColumn={laneIndex === 0 ? onMoveColumn : undefined}
                    onRenameColumn={laneIndex === 0 ? onRenameColumn : undefined}
                    showCreate={!grouped}
                  />
                );
              })}
              {laneIndex === 0 && canEdit && <AddColumn />}
            </div>
          </section>
        ))}
      </div>
      <DragOverlay dropAnimation={{ duration: 180, easing: 'ease-out' }}>
        {drag ? (
          <ul className={css.overlayList}>
            <MeasureCard id={drag.activeId} containerId="" onOpen={onOpen} overlay />
          </ul>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
