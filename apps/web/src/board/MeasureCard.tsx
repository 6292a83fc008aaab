import { Avatar, Button, Tag } from '@digdir/designsystemet-react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { isLate, restoreMeasure } from '@tavla/domain';
import { memo, type SyntheticEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { memberName, useAgreementContext } from '../agreements/agreementContext';
import { formatDate } from '../i18n';
import { capped, initials, type Peer } from '../presence/presence';
import { usePeersOnMeasure } from '../presence/usePresence';
import { useMeasure, useSession, useStructure } from '../sync/react';
import { useCardDisplay } from './cardDisplay';
import { today } from './dates';
import { CalendarIcon, HealthIcon, LateIcon, MilestoneIcon } from './icons';
import css from './MeasureCard.module.css';

interface Props {
  id: string;
  containerId: string;
  onOpen: (id: string) => void;
  /** Rendered inside the drag overlay (no sortable wiring). */
  overlay?: boolean;
}

/**
 * One measure on the board. Subscribes to its own measure only, so a remote edit of another
 * card never re-renders this one.
 */
export const MeasureCard = memo(function MeasureCard({ id, containerId, onOpen, overlay }: Props) {
  const session = useSession();
  const m = useMeasure(session, id);
  const { canEdit } = useAgreementContext();
  const sortable = useSortable({
    id,
    data: { containerId },
    disabled: overlay || !canEdit || !m || m.archived,
  });
  if (!m) return null;
  // dnd-kit types its listeners loosely; they are plain React event handlers.
  const on = (sortable.listeners ?? {}) as Record<
    string,
    ((e: SyntheticEvent) => void) | undefined
  >;
  // Only while a drag is under way: dnd-kit otherwise toggles a transition on every card of a
  // column whose items changed, and those style writes made a remote move cost 100+ ms of style
  // recalculation on a 2,000-measure board.
  const style =
    overlay || !sortable.isSorting
      ? undefined
      : { transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition };
  return (
    <li
      ref={overlay ? undefined : sortable.setNodeRef}
      // dnd-kit positions the card while dragging; this is the one dynamic style on the board
      style={style}
      className={css.card}
      data-testid="measure-card"
      data-measure-id={id}
      data-dragging={sortable.isDragging || undefined}
      data-overlay={overlay || undefined}
      data-archived={m.archived || undefined}
      onMouseDown={canEdit && !overlay ? on.onMouseDown : undefined}
      onTouchStart={canEdit && !overlay ? on.onTouchStart : undefined}
    >
      <CardBody id={id} onOpen={onOpen} />
      {canEdit && !m.archived && !overlay && (
        <button
          type="button"
          ref={sortable.setActivatorNodeRef}
          className={css.handle}
          {...sortable.attributes}
          onKeyDown={on.onKeyDown}
          aria-roledescription={undefined}
          data-testid="drag-handle"
        >
          <DragHandleLabel title={m.title} />
        </button>
      )}
    </li>
  );
});

function DragHandleLabel({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true" className={css.grip}>
        ⠿
      </span>
      <span className="visually-hidden">{t('dnd.moveHandle', { title })}</span>
    </>
  );
}

const CardBody = memo(function CardBody({
  id,
  onOpen,
}: {
  id: string;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const m = useMeasure(session, id)!;
  const { objectives, milestones, columns } = useStructure(session);
  const { members, canEdit } = useAgreementContext();
  const peers = usePeersOnMeasure(id);
  const objective = m.objectiveId ? objectives.find((o) => o.id === m.objectiveId) : undefined;
  const chips = useMemo(
    () => milestones.filter((ms) => ms.measureIds.includes(id)),
    [milestones, id],
  );
  const late = isLate(m, today(), columns);
  const lang = i18n.resolvedLanguage ?? 'nb';
  const latest = m.statusUpdates[m.statusUpdates.length - 1];
  const ownerNames = m.owners.map((o) => memberName(members, o));
  const doneItems = m.checklist.filter((c) => c.done).length;
  const compact = useCardDisplay((s) => s.compact);

  const meta = (
    <div className={css.meta}>
      <span className={css.health} data-health={m.health}>
        <HealthIcon health={m.health} />
        {t(`health.${m.health}`)}
      </span>
      {m.dueDate && (
        <span className={css.due} data-late={late || undefined}>
          {late ? <LateIcon /> : <CalendarIcon />}
          {late
            ? t('card.lateDue', { date: formatDate(m.dueDate, lang) })
            : t('card.due', { date: formatDate(m.dueDate, lang) })}
        </span>
      )}
      {!compact && m.checklist.length > 0 && (
        <span className={css.subtle}>
          {t('card.checklist', { done: doneItems, total: m.checklist.length })}
        </span>
      )}
    </div>
  );
  const people = (ownerNames.length > 0 || peers.length > 0) && (
    <div className={css.footer}>
      {ownerNames.length > 0 && (
        <span className={css.owners}>
          <span className="visually-hidden">
            {t('card.owners', { names: ownerNames.join(', ') })}
          </span>
          {ownerNames.map((n, i) => (
            <Avatar
              key={m.owners[i]}
              data-size="xs"
              aria-hidden="true"
              initials={initials(n)}
              className={css.avatar}
            />
          ))}
        </span>
      )}
      {peers.length > 0 && <CardPeers measureId={id} peers={peers} />}
    </div>
  );

  return (
    <div className={css.body}>
      <div className={css.tags}>
        {objective && (
          <Tag data-size="sm" data-color="accent" className={css.tag}>
            {t('card.objective', { code: objective.code })}
          </Tag>
        )}
        {m.party && (
          <Tag
            data-size="sm"
            data-color={m.party === 'county' ? 'brand1' : m.party === 'ipr' ? 'brand2' : 'neutral'}
            className={css.tag}
          >
            {t(`party.${m.party}`)}
          </Tag>
        )}
        {m.archived && (
          <Tag data-size="sm" data-color="neutral" variant="outline" className={css.tag}>
            {t('board.archived')}
          </Tag>
        )}
      </div>
      <h3 className={css.titleHeading}>
        <button
          type="button"
          className={css.title}
          onClick={() => onOpen(id)}
          data-testid="measure-open"
        >
          {m.title.trim() || t('card.untitled')}
        </button>
      </h3>
      {compact ? (
        // Compact: the owners beside health and due date, on one row.
        <div className={css.compactRow}>
          {meta}
          {people}
        </div>
      ) : (
        meta
      )}
      {!compact && latest?.text && (
        <p className={css.status}>{t('card.latestStatus', { text: latest.text })}</p>
      )}
      {!compact && chips.length > 0 && (
        <ul className={css.chips}>
          {chips.map((ms) => (
            <li
              key={ms.id}
              className={css.chip}
              data-done={ms.done || undefined}
              // A long title is cut with an ellipsis on a narrow card: the whole on hover.
              title={ms.done ? `${ms.title} ${t('card.milestoneDone')}` : ms.title}
            >
              <MilestoneIcon />
              <span className="visually-hidden">{t('card.milestone', { title: '' })}</span>
              <span className={css.chipTitle}>{ms.title}</span>
              {ms.done && (
                <span className={css.msDone}>
                  <span aria-hidden="true"> ✓</span>
                  <span className="visually-hidden"> {t('card.milestoneDone')}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {!compact && people}
      {m.archived && canEdit && (
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() => restoreMeasure(session.doc, id, session.origin)}
          aria-label={t('board.restoreNamed', { title: m.title })}
        >
          {t('board.restore')}
        </Button>
      )}
    </div>
  );
});

/**
 * Avatars of the others who have this card open or in hand, the ones moving it first. In a
 * joint meeting most of the room may open the same card: beyond a few avatars, "+N".
 */
export const CARD_AVATARS = 4;

function CardPeers({ measureId, peers }: { measureId: string; peers: Peer[] }) {
  const { t } = useTranslation();
  const dragging = (p: Peer) => p.draggingMeasureId === measureId;
  const ordered = [...peers.filter(dragging), ...peers.filter((p) => !dragging(p))];
  const { shown, more } = capped(ordered, CARD_AVATARS);
  return (
    <span className={css.peers} data-testid="card-presence">
      {shown.map((p) => (
        <span key={p.clientId} className={css.peer} data-dragging={dragging(p) || undefined}>
          <Avatar
            data-size="xs"
            aria-hidden="true"
            initials={initials(p.name)}
            data-color="brand2"
          />
          <span className="visually-hidden">
            {dragging(p)
              ? t('presence.dragging', { name: p.name })
              : t('presence.viewing', { name: p.name })}
          </span>
        </span>
      ))}
      {more > 0 && (
        <span className={css.morePeers} data-testid="card-presence-more">
          <span aria-hidden="true">+{more}</span>
          <span className="visually-hidden">{t('presence.othersOnCard', { count: more })}</span>
        </span>
      )}
    </span>
  );
}
