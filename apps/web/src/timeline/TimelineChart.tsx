import type { ActionPlanView, MeetingView, ObjectiveView } from '@tavla/domain';
import { type CSSProperties, type ReactNode, type Ref, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, locale } from '../i18n';
import { MilestoneStateIcon } from '../milestones/MilestoneState';
import type { MilestoneInfo } from '../milestones/state';
import { type FocusAreaLane, periodMarks, planPeriod } from './model';
import { axisMarks, inPeriod, placeLabels, position } from './scale';
import { useSnugTitles } from './snugTitles';
import css from './Timeline.module.css';

/** Height of one label slot in a lane (px); matches .milestone in the CSS. */
export const SLOT_PX = 46;
/** Slot height on paper, where every period must fit one landscape page. */
const PRINT_SLOT_PX = 34;
/**
 * Width of a milestone's label (px), used to stack labels without overlap: about three months
 * of the axis, so zooming in gives titles more room, within sensible bounds.
 */
export function labelPx(monthPx: number, print?: boolean): number {
  if (print) return 250;
  return Math.round(Math.min(340, Math.max(262, monthPx * 3.2)));
}
/** Width reserved for an event's label (today, evaluation, meeting), px. */
const EVENT_PX = 290;

export interface TimelineChartProps {
  plan: ActionPlanView;
  lanes: FocusAreaLane[];
  infos: ReadonlyMap<string, MilestoneInfo>;
  /** The agreement's meetings (listMeetings); those in the period are marked in the events row. */
  meetings?: readonly MeetingView[];
  /** Opens a meeting (to edit it, or to read its note); without it meetings are plain text. */
  onOpenMeeting?: (meetingId: string) => void;
  todayISO: string;
  /** Width of the tracks in px at the current zoom (for stacking labels). */
  trackPx: number;
  expanded: ReadonlySet<string>;
  onToggle?: (focusAreaId: string) => void;
  selectedId?: string | null;
  onSelect?: (milestoneId: string) => void;
  /** Zoom to a quarter (its first day). */
  onZoomQuarter?: (iso: string) => void;
  scrollerRef?: Ref<HTMLElement>;
  canvasRef?: Ref<HTMLDivElement>;
  onKeyDown?: (e: React.KeyboardEvent<HTMLElement>) => void;
  /** Id of the help text (keys) for the scrollable region. */
  describedBy?: string;
  /** The print copy: no interaction, no ids that clash with the screen copy. */
  print?: boolean;
}

/**
 * The timeline of one action plan period: an axis of years, quarters and months, a row of
 * events (today, the evaluation, meetings) and one lane per focus area (optionally with a row
 * per delmål), with the milestones at their dates. Positions are percentages of the track, so
 * zooming only changes the canvas width (CSS variable --zoom) and never re-lays out the marks.
 */
export function TimelineChart(p: TimelineChartProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const period = planPeriod(p.plan);
  const axis = axisMarks(period);
  const marks = periodMarks(p.plan, p.infos, p.meetings);
  const todayIn = inPeriod(period, p.todayISO);
  const monthFmt = new Intl.DateTimeFormat(locale(lang), { month: 'short', timeZone: 'UTC' });
  const monthPx = p.trackPx / Math.max(1, axis.months.length);
  const uid = useId();
  const msLabelPx = labelPx(monthPx, p.print);

  // Events row: today, evaluation, meetings, stacked like milestone labels.
  type Ev = {
    key: string;
    kind: 'today' | 'evaluation' | 'meeting';
    label: string;
    date: string;
    meeting?: MeetingView;
  };
  const events: { item: Ev; x: number }[] = [];
  if (todayIn)
    events.push({
      item: {
        key: 'today',
        kind: 'today',
        label: t('timeline.todayLabel', { date: formatDate(p.todayISO, lang) }),
        date: p.todayISO,
      },
      x: position(period, p.todayISO),
    });
  const ev = marks.evaluation;
  if (ev) {
    const date = ev.date ?? `${ev.year}-07-01`;
    events.push({
      item: {
        key: 'evaluation',
        kind: 'evaluation',
        label: ev.date ? `${ev.title}, ${formatDate(ev.date, lang)}` : ev.title,
        date,
      },
      x: position(period, date),
    });
  }
  for (const m of marks.meetings)
    events.push({
      item: {
        key: `meeting-${m.id}`,
        kind: 'meeting',
        label: t('timeline.meetings.label', { title: m.title, date: formatDate(m.date, lang) }),
        date: m.date,
        meeting: m,
      },
      x: position(period, m.date),
    });
  const evPlaced = placeLabels(events, p.trackPx, EVENT_PX, 14);
  const eventsRef = useRef<HTMLUListElement>(null);
  // The widths too: a label narrowed to the room beside its mark is cut afresh.
  useSnugTitles(
    eventsRef,
    `${lang}\n${evPlaced.placed.map((e) => `${e.item.label} ${e.width}`).join('\n')}`,
  );

  const lines: ReactNode[] = [];
  for (const m of axis.months)
    lines.push(
      <span
        key={`m-${m.iso}`}
        className={m.month % 3 === 1 ? css.quarterLine : css.monthLine}
        style={{ left: pct(m.from) }}
      />,
    );
  if (ev && !ev.date) {
    const from = Math.max(0, position(period, `${ev.year}-01-01`));
    const to = Math.min(1, position(period, `${ev.year + 1}-01-01`));
    lines.push(
      <span
        key="ev-band"
        className={css.evaluationBand}
        style={{ left: pct(from), width: pct(to - from) }}
      />,
    );
  }
  for (const e of events)
    lines.push(
      <span
        key={`l-${e.item.key}`}
        className={
          e.item.kind === 'today'
            ? css.todayLine
            : e.item.kind === 'evaluation'
              ? css.evaluationLine
              : css.meetingLine
        }
        style={{ left: pct(e.x) }}
        data-meeting-kind={e.item.meeting?.kind}
        data-testid={e.item.kind === 'today' ? 'today-line' : undefined}
        data-x={e.x.toFixed(4)}
      />,
    );

  return (
    <section
      className={css.scroller}
      ref={p.scrollerRef}
      tabIndex={p.print ? undefined : 0}
      aria-label={p.print ? undefined : t('timeline.canvas', { period: periodLabel(p.plan) })}
      onKeyDown={p.onKeyDown}
      aria-describedby={p.describedBy}
      data-testid={p.print ? 'timeline-print' : 'timeline'}
      data-plan-id={p.plan.id}
    >
      <div className={css.canvas} ref={p.canvasRef}>
        <div className={css.overlay} aria-hidden="true">
          {lines}
        </div>
        <div className={css.axis}>
          <div className={css.row} aria-hidden="true">
            <div className={css.label} />
            <div className={css.track}>
              {axis.years.map((y) => (
                <span
                  key={y.year}
                  className={css.year}
                  style={{ left: pct(y.from), width: pct(y.to - y.from) }}
                >
                  <span className={css.stick}>{y.year}</span>
                </span>
              ))}
            </div>
          </div>
          <div className={css.row}>
            <div className={css.label}>
              {!p.print && p.onZoomQuarter && (
                <span className={css.smallLabel}>{t('timeline.zoomToQuarter')}</span>
              )}
            </div>
            <div className={css.track}>
              {axis.quarters.map((q) =>
                !p.print && p.onZoomQuarter ? (
                  <button
                    key={q.iso}
                    type="button"
                    className={`${css.quarter} ${css.quarterButton}`}
                    style={{ left: pct(q.from), width: pct(q.to - q.from) }}
                    onClick={() => p.onZoomQuarter?.(q.iso)}
                    aria-label={t('timeline.zoomQuarter', { n: q.quarter, year: q.year })}
                    data-testid="zoom-quarter"
                  >
                    <span className={css.stick}>{t('timeline.quarter', { n: q.quarter })}</span>
                  </button>
                ) : (
                  <span
                    key={q.iso}
                    className={css.quarter}
                    style={{ left: pct(q.from), width: pct(q.to - q.from) }}
                    aria-hidden="true"
                  >
                    <span className={css.stick}>{t('timeline.quarter', { n: q.quarter })}</span>
                  </span>
                ),
              )}
            </div>
          </div>
          <div className={css.row} aria-hidden="true">
            <div className={css.label} />
            <div className={css.track}>
              {axis.months.map((m) => (
                <span
                  key={m.iso}
                  className={css.month}
                  style={{ left: pct(m.from), width: pct(m.to - m.from) }}
                >
                  {monthPx < 34
                    ? monthFmt.format(new Date(`${m.iso}T00:00:00Z`)).slice(0, 1)
                    : monthFmt.format(new Date(`${m.iso}T00:00:00Z`)).replace('.', '')}
                </span>
              ))}
            </div>
          </div>
        </div>
        <div className={`${css.row} ${css.eventsRow}`}>
          <div className={css.label}>
            <span className={css.smallLabel}>{t('timeline.events')}</span>
          </div>
          <ul
            ref={eventsRef}
            className={css.track}
            style={{ height: evPlaced.slots * 26 + 8 }}
            aria-label={t('timeline.events')}
          >
            {evPlaced.placed.map((e) => {
              const m = e.item.meeting;
              const style = {
                left: pct(e.x),
                top: e.slot * 26 + 4,
                ...(e.width < EVENT_PX && { maxWidth: e.width }),
              };
              if (!m)
                return (
                  <li
                    key={e.item.key}
                    className={css.event}
                    data-kind={e.item.kind}
                    data-flip={e.flip || undefined}
                    style={style}
                    data-testid={`event-${e.item.kind}`}
                  >
                    <span className={css.eventMark} aria-hidden="true" />
                    {e.item.label}
                  </li>
                );
              // A meeting: its kind as a shape (diamond = political, ring = administrative)
              // and in words (hidden text, the tooltip and the legend), never by colour alone.
              const kind = t(`timeline.meetings.kind.${m.kind}`);
              const content = (
                <>
                  <span className={css.meetingMark} data-meeting-kind={m.kind} aria-hidden="true" />
                  <span className="visually-hidden">{kind}: </span>
                  {/* A long title gives way (ellipsis, its box narrowed to what it shows so the
                      date follows at once), the date stays readable. */}
                  <span className={css.eventText} data-snug="">
                    {m.title}
                  </span>
                  <span className={css.eventDate}>, {formatDate(m.date, lang)}</span>
                </>
              );
              const tip = m.note
                ? `${kind}: ${e.item.label}\n${m.note}`
                : `${kind}: ${e.item.label}`;
              return (
                <li
                  key={e.item.key}
                  className={css.event}
                  data-kind="meeting"
                  data-meeting-kind={m.kind}
                  data-meeting-id={m.id}
                  data-flip={e.flip || undefined}
                  style={style}
                  title={tip}
                  data-testid="event-meeting"
                >
                  {p.onOpenMeeting && !p.print ? (
                    <button
                      type="button"
                      className={css.eventButton}
                      onClick={() => p.onOpenMeeting?.(m.id)}
                      data-testid="meeting-open"
                    >
                      {content}
                    </button>
                  ) : (
                    content
                  )}
                </li>
              );
            })}
          </ul>
        </div>
        {p.lanes.map((lane) => {
          const open = p.expanded.has(lane.focusArea.id);
          const labelId = `${uid}-${lane.focusArea.id}`;
          return (
            <section
              key={lane.focusArea.id}
              className={css.lane}
              aria-labelledby={labelId}
              data-testid="timeline-lane"
              data-focus-area-id={lane.focusArea.id}
            >
              <Lane
                label={
                  <h2 className={css.laneHeading} id={labelId}>
                    {p.onToggle ? (
                      <button
                        type="button"
                        className={css.expand}
                        aria-expanded={open}
                        onClick={() => p.onToggle?.(lane.focusArea.id)}
                        data-testid="lane-toggle"
                      >
                        <span
                          className={css.chevron}
                          aria-hidden="true"
                          data-open={open || undefined}
                        >
                          ▸
                        </span>
                        <LaneTitle number={lane.focusArea.number} title={lane.focusArea.title} />
                      </button>
                    ) : (
                      <LaneTitle number={lane.focusArea.number} title={lane.focusArea.title} />
                    )}
                  </h2>
                }
                note={lane.outside > 0 ? t('timeline.outside', { count: lane.outside }) : undefined}
                items={lane.milestones}
                labelWidth={msLabelPx}
                chart={p}
                period={period}
                lang={lang}
                main
              />
              {open &&
                lane.objectives.map((row) => (
                  <div
                    key={row.objective?.id ?? 'none'}
                    className={css.subLane}
                    data-testid="timeline-objective-row"
                  >
                    <Lane
                      label={<ObjectiveLabel objective={row.objective} />}
                      items={row.milestones}
                      labelWidth={msLabelPx}
                      chart={p}
                      period={period}
                      lang={lang}
                    />
                  </div>
                ))}
            </section>
          );
        })}
      </div>
    </section>
  );
}

function LaneTitle({ number, title }: { number: string; title: string }) {
  const { t } = useTranslation();
  return (
    <span className={css.laneTitle}>
      <span className={css.faNumber}>{t('overview.focusArea', { number })}</span>
      <span className={css.faTitle} title={title}>
        {title}
      </span>
    </span>
  );
}

function ObjectiveLabel({ objective }: { objective: ObjectiveView | null }) {
  const { t } = useTranslation();
  return (
    <h3 className={css.objectiveLabel} title={objective?.title}>
      {objective ? (
        <>
          <span className={css.code}>{objective.code}</span> {objective.title}
        </>
      ) : (
        t('timeline.noObjective')
      )}
    </h3>
  );
}

function Lane({
  label,
  items,
  labelWidth,
  note,
  chart: p,
  period,
  lang,
  main,
}: {
  label: ReactNode;
  items: MilestoneInfo[];
  labelWidth: number;
  /** Small print under the lane's name. */
  note?: string;
  chart: TimelineChartProps;
  period: { start: string; end: string };
  lang: string;
  main?: boolean;
}) {
  const { t } = useTranslation();
  const slotPx = p.print ? PRINT_SLOT_PX : SLOT_PX;
  const { placed, slots } = placeLabels(
    items.map((i) => ({ item: i, x: position(period, i.milestone.dueDate) })),
    p.trackPx,
    labelWidth,
  );
  return (
    <div className={css.row} data-main={main || undefined}>
      <div className={css.label}>
        {label}
        {note && <span className={css.laneNote}>{note}</span>}
      </div>
      <ul
        className={css.track}
        style={{ height: slots * slotPx + 10, '--ms-label': `${labelWidth}px` } as CSSProperties}
        aria-label={t('timeline.milestonesIn')}
      >
        {items.length === 0 && <li className={css.emptyLane}>{t('timeline.noMilestones')}</li>}
        {placed.map(({ item: info, x, slot, flip, width }) => {
          const ms = info.milestone;
          const date = formatDate(ms.dueDate, lang);
          const stateText = t(`milestones.state.${info.state}`);
          const progress = t('milestones.progress', { done: info.done, total: info.total });
          const inner = (
            <>
              <MilestoneStateIcon state={info.state} className={css.msIcon} />
              <span className={css.msText}>
                <span className={css.msTitle}>{ms.title}</span>
                <span className={css.msMeta}>
                  {date} · {stateText}
                  {info.total > 0 && (
                    <>
                      {' · '}
                      <span className={css.bar} aria-hidden="true">
                        <span style={{ width: pct(info.done / info.total) }} />
                      </span>{' '}
                      <span aria-hidden="true">
                        {info.done}/{info.total}
                      </span>
                      <span className="visually-hidden">{progress}</span>
                    </>
                  )}
                </span>
              </span>
            </>
          );
          const style = {
            left: pct(x),
            top: slot * slotPx + 5,
            ...(width < labelWidth && { '--ms-label': `${width}px` }),
          } as CSSProperties;
          return (
            <li key={ms.id} className={css.msItem} style={style} data-flip={flip || undefined}>
              {p.print || !p.onSelect ? (
                <span className={css.milestone} data-state={info.state}>
                  {inner}
                </span>
              ) : (
                <button
                  type="button"
                  className={css.milestone}
                  data-state={info.state}
                  data-testid="timeline-milestone"
                  data-milestone-id={ms.id}
                  data-x={x.toFixed(4)}
                  aria-pressed={p.selectedId === ms.id}
                  title={ms.title}
                  onClick={() => p.onSelect?.(ms.id)}
                >
                  {inner}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function periodLabel(plan: Pick<ActionPlanView, 'startYear' | 'endYear'>): string {
  return `${plan.startYear}–${plan.endYear}`;
}

function pct(f: number): string {
  return `${(f * 100).toFixed(3)}%`;
}
