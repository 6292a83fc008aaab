import { Button } from '@digdir/designsystemet-react';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { ColumnKind, ColumnView } from '@tavla/domain';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { useFilters } from '../filters/filterStore';
import { isFiltering } from '../filters/filters';
import css from './Column.module.css';
import { ColumnForm } from './ColumnForm';
import { CreateMeasure } from './CreateMeasure';
import { MeasureCard } from './MeasureCard';
import { usePrinting } from '../shell/usePrint';
import { useReturnFocus } from './useReturnFocus';

/**
 * Cards rendered at first per column; more as the column is scrolled (or on the button).
 * Every rendered card is a dnd-kit sortable, and dnd-kit re-renders all of them when any card
 * moves, so this number bounds the cost of a remote move on a 2,000-measure board.
 */
export const PAGE = 25;

interface Props {
  column: ColumnView;
  containerId: string;
  ids: string[];
  focusAreaId: string;
  laneLabel?: string;
  onOpen: (id: string) => void;
  /** Column reordering controls, shown in the first lane only. */
  index: number;
  columnCount: number;
  onMoveColumn?: (id: string, index: number) => void;
  /** Renames the column and sets its kind (with the reordering controls); throws when refused. */
  onRenameColumn?: (id: string, title: string, kind: ColumnKind | null) => void;
  showCreate: boolean;
  /** A card to bring into view in the column's own scroll (the card opened by a link or by
   *  "Finn tiltak"), rendering the cards before it if needed. */
  revealId?: string;
}

export const Column = memo(function Column(props: Props) {
  const { column, containerId, ids, onOpen } = props;
  const { t } = useTranslation();
  const { canEdit } = useAgreementContext();
  // An empty column while a filter is on may still hold measures: say that it is the filter.
  const filtering = useFilters((s) => isFiltering(s.filters));
  const { setNodeRef, isOver } = useDroppable({
    id: containerId,
    data: { containerId, columnId: column.id },
  });
  const [shownLimit, setLimit] = useState(PAGE);
  // Paper has no scrolling: a printout has every card of the column.
  const limit = usePrinting() ? Number.POSITIVE_INFINITY : shownLimit;
  const visible = useMemo(() => (ids.length > limit ? ids.slice(0, limit) : ids), [ids, limit]);
  const hasMore = ids.length > limit;
  const listRef = useRef<HTMLUListElement | null>(null);
  const sentinel = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // Render more cards as the column is scrolled near its end.
    const el = sentinel.current;
    if (!hasMore || !el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + PAGE);
      },
      { root: listRef.current, rootMargin: '0px 0px 300px 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasMore]);
  const setListRef = useCallback(
    (node: HTMLUListElement | null) => {
      listRef.current = node;
      setNodeRef(node);
    },
    [setNodeRef],
  );
  // The card opened by a link (?m=) or from "Finn tiltak" is shown in its column: rendered
  // (however far down) and scrolled into the column's view, once per opening. Closing the panel
  // then returns focus to it (BoardPage).
  const { revealId } = props;
  const revealed = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (revealId === revealed.current) return;
    const at = revealId ? ids.indexOf(revealId) : -1;
    if (!revealId || at < 0) {
      revealed.current = revealId;
      return;
    }
    if (at >= shownLimit) {
      setLimit(Math.ceil((at + 1) / PAGE) * PAGE);
      return;
    }
    revealed.current = revealId;
    listRef.current
      ?.querySelector(`[data-measure-id="${CSS.escape(revealId)}"]`)
      ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [revealId, ids, shownLimit]);
  const headingId = `col-h-${containerId.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  const [renaming, setRenaming] = useState(false);
  const renameButton = useReturnFocus(renaming);

  return (
    <section
      className={css.column}
      aria-labelledby={headingId}
      data-testid="column"
      data-column-id={column.id}
      data-over={isOver || undefined}
    >
      <header className={css.header}>
        <div className={css.heading}>
          <h2 id={headingId} className={css.title}>
            {column.title}
            {props.laneLabel && <span className="visually-hidden">, {props.laneLabel}</span>}
          </h2>
          <span className={css.count}>{t('board.columnCount', { count: ids.length })}</span>
        </div>
        {canEdit && props.onMoveColumn && (
          <span className={css.colMoves}>
            <Button
              variant="tertiary"
              data-size="sm"
              icon
              disabled={props.index === 0}
              aria-label={t('board.moveColumnLeft', { title: column.title })}
              onClick={() => props.onMoveColumn?.(column.id, props.index - 1)}
            >
              <span aria-hidden="true">←</span>
            </Button>
            <Button
              variant="tertiary"
              data-size="sm"
              icon
              disabled={props.index >= props.columnCount - 1}
              aria-label={t('board.moveColumnRight', { title: column.title })}
              onClick={() => props.onMoveColumn?.(column.id, props.index + 1)}
            >
              <span aria-hidden="true">→</span>
            </Button>
            {props.onRenameColumn && (
              <Button
                ref={renameButton}
                variant="tertiary"
                data-size="sm"
                icon
                aria-label={t('board.renameColumn', { title: column.title })}
                aria-expanded={renaming}
                onClick={() => setRenaming((r) => !r)}
              >
                <span aria-hidden="true">✎</span>
              </Button>
            )}
          </span>
        )}
      </header>
      {renaming && props.onRenameColumn && (
        <ColumnForm
          label={t('board.columnName')}
          formLabel={t('board.renameColumn', { title: column.title })}
          submitText={t('board.save')}
          initial={column.title}
          initialKind={column.kind}
          onSubmit={(title, kind) => props.onRenameColumn?.(column.id, title, kind)}
          onClose={() => setRenaming(false)}
        />
      )}
      <SortableContext id={containerId} items={visible} strategy={verticalListSortingStrategy}>
        <ul ref={setListRef} className={css.list} data-testid="column-list">
          {visible.map((id) => (
            <MeasureCard key={id} id={id} containerId={containerId} onOpen={onOpen} />
          ))}
          {ids.length === 0 && (
            <li className={css.empty}>{t(filtering ? 'board.emptyFiltered' : 'board.empty')}</li>
          )}
          {hasMore && <li ref={sentinel} className={css.sentinel} aria-hidden="true" />}
          {/* In the list, after its last card: in a column that scrolls its cards it takes none
              of their room, and it is what comes next on Tab from the last card. */}
          {hasMore && (
            <li className={css.more}>
              <Button variant="tertiary" data-size="sm" onClick={() => setLimit((l) => l + PAGE)}>
                {t('board.moreCards', { count: Math.min(PAGE, ids.length - limit) })}
              </Button>
            </li>
          )}
        </ul>
      </SortableContext>
      {canEdit && props.showCreate && (
        <CreateMeasure focusAreaId={props.focusAreaId} column={column} onCreated={onOpen} />
      )}
    </section>
  );
});
