import { Alert, Button, Heading, Paragraph, ToggleGroup } from '@digdir/designsystemet-react';
import { listActionPlans, listMeetings } from '@tavla/domain';
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { useAgreementContext } from '../agreements/agreementContext';
import { NewerFormatNotice } from '../agreements/NewerFormatNotice';
import { RefusedEditsNotice } from '../agreements/RefusedEditsNotice';
import { today } from '../board/dates';
import { MilestoneStateIcon } from '../milestones/MilestoneState';
import { MILESTONE_STATES } from '../milestones/state';
import { useMilestoneInfos } from '../milestones/useMilestoneInfos';
import { useConnection, useSession, useStructure } from '../sync/react';
import { MeetingDialog } from './MeetingDialog';
import { MilestoneDetails } from './MilestoneDetails';
import { buildLanes, currentPlan, planPeriod } from './model';
import { inPeriod, position, zoomLevels } from './scale';
import css from './Timeline.module.css';
import { periodLabel, TimelineChart } from './TimelineChart';
import { DocumentPending } from '../shell/DocumentPending';
import { usePageTitle } from '../shell/usePageTitle';
import { usePrintedAt } from '../shell/usePrint';
import { formatDateTime } from '../i18n';
import { AgreementBreadcrumbs } from '../shell/AgreementBreadcrumbs';

/** Track width assumed for the print copies (A4 landscape minus the lane labels), in px. */
const PRINT_TRACK_PX = 830;

interface ZoomRequest {
  level: number;
  /** Fraction of the period to keep in the middle of the view; null = the current middle. */
  anchor: number | null;
  seq: number;
}

/**
 * Milepælsoversikt: every focus area's milestones over an action plan period, live from the
 * shared document (a board edit moves a milestone here at once), with the agreement's joint
 * meetings (møter) in the events row. Editors can add, edit and delete meetings here; viewers see
 * the same marks and can open a meeting to read it.
 */
export default function TimelinePage({ todayISO = today() }: { todayISO?: string }) {
  const { t, i18n } = useTranslation();
  const printedAt = usePrintedAt();
  const ctx = useAgreementContext();
  const session = useSession();
  const structure = useStructure(session);
  const conn = useConnection(session);
  const infos = useMilestoneInfos(session, todayISO);
  // Action plans are part of the structure; re-read them when the structure changes.
  const plans = useMemo(() => {
    void structure;
    return listActionPlans(session.doc);
  }, [session, structure]);
  // Meetings are outside the measures, so every change to them makes a new structure snapshot.
  const meetings = useMemo(() => {
    void structure;
    return listMeetings(session.doc);
  }, [session, structure]);
  /** The open meeting dialog: `id` null = a new meeting. */
  const [meetingDialog, setMeetingDialog] = useState<{ id: string | null } | null>(null);
  const [meetingStatus, setMeetingStatus] = useState('');
  const openMeeting = useCallback((id: string) => setMeetingDialog({ id }), []);
  const [params, setParams] = useSearchParams();
  const wanted = params.get('periode');
  // The selected milestone is in the URL (?milepael=<id>), so a link can open the timeline on it.
  const selectedId = params.get('milepael');
  const setSelectedId = useCallback(
    (id: string | null) =>
      setParams(
        (prev) => {
          const n = new URLSearchParams(prev);
          if (id) n.set('milepael', id);
          else n.delete('milepael');
          return n;
        },
        { replace: true },
      ),
    [setParams],
  );
  const selectedDate = selectedId ? infos.get(selectedId)?.milestone.dueDate : undefined;
  const plan =
    plans.find((p) => periodLabel(p).replace('–', '-') === wanted || p.id === wanted) ??
    (selectedDate
      ? plans.find((p) => p.startDate <= selectedDate && selectedDate <= p.endDate)
      : undefined) ??
    currentPlan(plans, todayISO);
  const period = useMemo(() => (plan ? planPeriod(plan) : null), [plan]);
  const levels = useMemo(
    () => (period ? zoomLevels(period) : [{ months: 24, factor: 1 }]),
    [period],
  );

  const [zoom, setZoom] = useState<ZoomRequest>({ level: 0, anchor: null, seq: 0 });
  const level = Math.min(zoom.level, levels.length - 1);
  const factor = levels[level]?.factor ?? 1;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const scrollerRef = useRef<HTMLElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const zoomNow = useRef(1);
  const viewPx = useViewWidth(scrollerRef, zoomNow, plan?.id);
  useSmoothZoom(scrollerRef, canvasRef, factor, zoom, zoomNow);

  const lanes = useMemo(
    () => (period ? buildLanes(structure.focusAreas, structure.objectives, infos, period) : []),
    [structure.focusAreas, structure.objectives, infos, period],
  );

  const zoomTo = useCallback(
    (next: number, anchor: number | null = null) =>
      setZoom((z) => {
        // Zooming in from the whole period goes to today (when today is in it).
        const fromWhole = z.level === 0 && next > 0 && anchor === null;
        const at =
          fromWhole && period && inPeriod(period, todayISO) ? position(period, todayISO) : anchor;
        return {
          level: Math.max(0, Math.min(levels.length - 1, next)),
          anchor: at,
          seq: z.seq + 1,
        };
      }),
    [levels.length, period, todayISO],
  );
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === '+' || e.key === '=') zoomTo(level + 1);
    else if (e.key === '-' || e.key === '_') zoomTo(level - 1);
    else if (e.key === '0') zoomTo(0);
    else return;
    e.preventDefault();
  };
  const toggle = useCallback((id: string) => {
    setExpanded((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }, []);

  const selected = selectedId ? infos.get(selectedId) : undefined;
  usePageTitle([t('timeline.title'), structure.title || ctx.title]);

  return (
    <div className={css.page} data-print-timeline="">
      <div className={css.screenOnly}>
        <AgreementBreadcrumbs agreementId={ctx.agreementId} title={structure.title || ctx.title} />
      </div>
      <div className={`${css.head} ${css.screenOnly}`}>
        <div>
          <Heading level={1} data-size="md" className={css.title}>
            {t('timeline.title')}
          </Heading>
          <Paragraph data-size="sm" className={css.intro}>
            {t('timeline.intro')}
          </Paragraph>
        </div>
        <div className={css.headActions}>
          {ctx.canEdit && plans.length > 0 && (
            <Button
              variant="secondary"
              data-size="sm"
              onClick={() => setMeetingDialog({ id: null })}
              data-testid="meeting-add"
            >
              {t('timeline.meetings.add')}
            </Button>
          )}
          <Button variant="secondary" data-size="sm" onClick={() => window.print()}>
            {t('timeline.print')}
          </Button>
        </div>
      </div>
      <NewerFormatNotice className={css.screenOnly} />
      <RefusedEditsNotice className={css.screenOnly} />
      <div role="status" className="visually-hidden" data-testid="meeting-status">
        {meetingStatus}
      </div>
      {!conn.ready && plans.length === 0 && <DocumentPending className={css.screenOnly} />}
      {conn.ready && plans.length === 0 && <Alert data-color="info">{t('timeline.noPlans')}</Alert>}
      {plan && period && (
        <>
          <div className={`${css.toolbar} ${css.screenOnly}`}>
            <ToggleGroup
              className={css.planToggle}
              data-size="sm"
              aria-label={t('timeline.period')}
              value={plan.id}
              onChange={(id) => {
                const p = plans.find((x) => x.id === id);
                if (!p) return;
                setZoom((z) => ({ level: 0, anchor: null, seq: z.seq + 1 }));
                setParams(
                  (prev) => {
                    const n = new URLSearchParams(prev);
                    n.set('periode', periodLabel(p).replace('–', '-'));
                    n.delete('milepael');
                    return n;
                  },
                  { replace: true },
                );
              }}
            >
              {plans.map((p) => (
                <ToggleGroup.Item key={p.id} value={p.id}>
                  {t('timeline.planLabel', { period: periodLabel(p) })}
                </ToggleGroup.Item>
              ))}
            </ToggleGroup>
            <fieldset className={css.zoom}>
              <legend className="visually-hidden">{t('timeline.zoom')}</legend>
              <Button
                variant="secondary"
                data-size="sm"
                icon
                onClick={() => zoomTo(level - 1)}
                disabled={level === 0}
                aria-label={t('timeline.zoomOut')}
                aria-keyshortcuts="-"
                data-testid="zoom-out"
              >
                <span aria-hidden="true">−</span>
              </Button>
              <Button
                variant="secondary"
                data-size="sm"
                icon
                onClick={() => zoomTo(level + 1)}
                disabled={level >= levels.length - 1}
                aria-label={t('timeline.zoomIn')}
                aria-keyshortcuts="+"
                data-testid="zoom-in"
              >
                <span aria-hidden="true">+</span>
              </Button>
              <Button
                variant="tertiary"
                data-size="sm"
                onClick={() => zoomTo(0)}
                disabled={level === 0}
                aria-keyshortcuts="0"
              >
                {t('timeline.zoomAll')}
              </Button>
              <output className={css.zoomLabel} aria-live="polite" data-testid="zoom-level">
                {t('timeline.zoomShows', { count: levels[level]?.months ?? 24 })}
              </output>
            </fieldset>
            <TimelineLegend />
          </div>
          <div className={css.screenOnly}>
            <TimelineChart
              plan={plan}
              lanes={lanes}
              infos={infos}
              meetings={meetings}
              onOpenMeeting={openMeeting}
              todayISO={todayISO}
              trackPx={(viewPx || 1000) * factor}
              expanded={expanded}
              onToggle={toggle}
              selectedId={selectedId}
              onSelect={setSelectedId}
              onZoomQuarter={(iso) => {
                const lastLevel = levels.length - 1;
                const q = position(period, iso) + 1 / ((2 * (levels[0]?.months ?? 24)) / 3);
                zoomTo(lastLevel, q);
              }}
              scrollerRef={scrollerRef}
              canvasRef={canvasRef}
              onKeyDown={onKeyDown}
              describedBy="timeline-help"
            />
            <p className={css.help} id="timeline-help">
              {t('timeline.meetings.keyboardHelp')}
            </p>
          </div>
          <div className={css.printOnly}>
            {plans.map((p) => {
              const pp = planPeriod(p);
              return (
                <section key={p.id} className={css.printPeriod}>
                  <Heading level={2} data-size="xs" className={css.printHeading}>
                    {structure.title || ctx.title} – {t('timeline.title')}{' '}
                    {t('timeline.planLabel', { period: periodLabel(p) })}
                  </Heading>
                  <div className={css.printMeta}>
                    <TimelineLegend />
                    <span data-testid="timeline-printed-at">
                      {t('timeline.printedAt', {
                        time: formatDateTime(printedAt, i18n.resolvedLanguage ?? 'nb'),
                      })}
                    </span>
                  </div>
                  <TimelineChart
                    plan={p}
                    lanes={buildLanes(structure.focusAreas, structure.objectives, infos, pp)}
                    infos={infos}
                    meetings={meetings}
                    todayISO={todayISO}
                    trackPx={PRINT_TRACK_PX}
                    expanded={expanded}
                    print
                  />
                </section>
              );
            })}
          </div>
        </>
      )}
      {selected && <MilestoneDetails info={selected} onClose={() => setSelectedId(null)} />}
      {meetingDialog && (
        <MeetingDialog
          key={meetingDialog.id ?? 'new'}
          session={session}
          meetingId={meetingDialog.id}
          meeting={meetingDialog.id ? meetings.find((m) => m.id === meetingDialog.id) : undefined}
          canEdit={ctx.canEdit}
          defaultDate={period && inPeriod(period, todayISO) ? todayISO : period?.start}
          onClose={() => setMeetingDialog(null)}
          onSaved={(status) => {
            setMeetingStatus(status);
            setMeetingDialog(null);
          }}
        />
      )}
    </div>
  );
}

/**
 * Width of the tracks' visible area (scroller minus the lane labels), kept up to date; on a
 * resize the date in the middle of the view stays in the middle.
 */
function useViewWidth(
  ref: React.RefObject<HTMLElement | null>,
  zoom: React.RefObject<number>,
  /** Re-measure when this changes (the chart appears once the document has loaded). */
  key: string | undefined,
): number {
  const [w, setW] = useState(0);
  const last = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refs are stable; `key` says when the element may be new
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const view = Math.max(0, el.clientWidth - labelWidth(el));
      const before = last.current;
      if (before > 0 && view > 0 && view !== before) {
        const z = zoom.current ?? 1;
        const middle = (el.scrollLeft + before / 2) / (before * z);
        el.scrollLeft = middle * view * z - view / 2;
      }
      last.current = view;
      setW(view);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [key]);
  return w;
}

/** Where the tracks begin: after the label column, or at 0 where the labels are bands above them. */
function labelWidth(scroller: HTMLElement): number {
  const track = scroller.querySelector<HTMLElement>('[data-main] > ul');
  return track?.offsetLeft ?? 0;
}

/**
 * Zooms by animating the canvas' --zoom variable (and the scroll position, so the middle of the
 * view, or the requested anchor, stays put) over a quarter of a second; instantly when the person
 * prefers reduced motion. Marks are positioned in percent, so only the canvas width changes.
 */
function useSmoothZoom(
  scroller: React.RefObject<HTMLElement | null>,
  canvas: React.RefObject<HTMLDivElement | null>,
  factor: number,
  request: ZoomRequest,
  current: React.RefObject<number>,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: refs are stable; every request (a new object) re-runs
  useLayoutEffect(() => {
    const sc = scroller.current;
    const cv = canvas.current;
    if (!sc || !cv) return;
    const from = current.current;
    const to = factor;
    const view = Math.max(1, sc.clientWidth - labelWidth(sc));
    const anchor = request.anchor ?? (sc.scrollLeft + view / 2) / (view * from);
    const reduce =
      typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    const duration = reduce || from === to ? 0 : 260;
    // Time from the first frame (frame timestamps and performance.now() may differ in origin).
    let t0 = -1;
    let raf = 0;
    const apply = (z: number) => {
      current.current = z;
      cv.style.setProperty('--zoom', String(z));
      cv.dataset.zoom = String(Math.round(z * 1000) / 1000);
      sc.scrollLeft = anchor * view * z - view / 2;
    };
    const step = (now: number) => {
      if (t0 < 0) t0 = now;
      const k = duration ? Math.min(1, Math.max(0, (now - t0) / duration)) : 1;
      const eased = 1 - (1 - k) ** 3;
      apply(from + (to - from) * eased);
      if (k < 1) raf = requestAnimationFrame(step);
    };
    if (duration === 0) apply(to);
    else raf = requestAnimationFrame(step);
    // An interrupted animation (another zoom) continues from where it is.
    return () => cancelAnimationFrame(raf);
  }, [factor, request]);
  // A new canvas (another period) starts at the current zoom.
  useEffect(() => {
    canvas.current?.style.setProperty('--zoom', String(current.current));
  });
}

/** What the marks of the timeline mean: on screen above it, in print on every page. */
function TimelineLegend() {
  const { t } = useTranslation();
  return (
    <ul className={css.legend} aria-label={t('timeline.legend')}>
      {MILESTONE_STATES.map((s) => (
        <li key={s}>
          <MilestoneStateIcon state={s} />
          {t(`milestones.state.${s}`)}
        </li>
      ))}
      <li>
        <span className={css.legendLine} aria-hidden="true" />
        {t('timeline.today')}
      </li>
      <li>
        <span className={css.legendLine} data-kind="evaluation" aria-hidden="true" />
        {t('timeline.evaluation')}
      </li>
      <li>
        <span className={css.meetingMark} data-meeting-kind="political" aria-hidden="true" />
        {t('timeline.meetings.kind.political')}
      </li>
      <li>
        <span className={css.meetingMark} data-meeting-kind="administrative" aria-hidden="true" />
        {t('timeline.meetings.kind.administrative')}
      </li>
    </ul>
  );
}
