import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { memberName, useAgreementContext } from '../agreements/agreementContext';
import { NewerFormatNotice } from '../agreements/NewerFormatNotice';
import { RefusedEditsNotice } from '../agreements/RefusedEditsNotice';
import { FilterBar } from '../filters/FilterBar';
import { FindMeasureButton } from '../find/FindMeasure';
import { bindFiltersToUrl, useFilters } from '../filters/filterStore';
import { formatDate, formatDateTime } from '../i18n';
import { MilestonesButton } from '../milestones/MilestonesButton';
import { useMilestoneStates } from '../milestones/useMilestoneInfos';
import { OfflineMovesNotice } from '../presence/OfflineMovesNotice';
import { PresenceBar } from '../presence/PresenceBar';
import { NotFoundPage } from '../shell/NotFoundPage';
import { useConnection, useDerivedMeasures, useSession, useStructure } from '../sync/react';
import page from '../shell/Page.module.css';
import { mark } from '../sync/session';
import { Board } from './Board';
import css from './BoardPage.module.css';
import { today } from './dates';
import { computeLayout, NO_GROUP, sameLayout } from './layout';
import { useOpenMeasure } from './useOpenMeasure';
import { useUndoShortcuts, useUndoState } from './useUndo';
import { ViewOptions } from './ViewOptions';
import { lazyPart } from '../shell/lazyPart';
import { preloadOfflineCode } from '../shell/offlineCode';
import { PartUnavailable } from '../shell/PartUnavailable';
import { DocumentPending } from '../shell/DocumentPending';
import { usePageTitle } from '../shell/usePageTitle';
import { usePrintedAt } from '../shell/usePrint';
import { AgreementBreadcrumbs } from '../shell/AgreementBreadcrumbs';

// The detail panel is only needed once a card is opened: its code is not part of the board's
// first load, but is fetched soon after it, so that it opens offline too (shell/offlineCode.ts).
// Offline before that, the panel's place says so and the card opens once the network is back
// (shell/lazyPart.tsx), instead of the page's error boundary replacing the board.
const MeasurePanel = lazyPart(
  () => import('../detail/MeasurePanel'),
  (m) => m.MeasurePanel,
  {
    neededOffline: true,
    unavailable: (p, retry) => <PartUnavailable part="card" onClose={p.onClose} {...retry} />,
  },
);

export function BoardPage({ focusAreaId }: { focusAreaId: string }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const ctx = useAgreementContext();
  const structure = useStructure(session);
  const filters = useFilters((s) => s.filters);
  const [openId, setOpenId] = useOpenMeasure();
  const [error, setError] = useState<string | null>(null);
  // Once the board is up, fetch the code a card, the milestones and the timeline need, so that
  // they open on a train with no signal too.
  useEffect(() => preloadOfflineCode(), []);
  const focusArea = structure.focusAreas.find((f) => f.id === focusAreaId);
  const undoState = useUndoState(session);
  const conn = useConnection(session);
  // The refused-edits notice says "you can only read now" already.
  const refusedEdits = conn.refused === true;
  useUndoShortcuts(session, ctx.canEdit);

  useEffect(() => bindFiltersToUrl(), []);
  useEffect(() => {
    session.presence.set({ focusAreaId, openMeasureId: openId });
  }, [session, focusAreaId, openId]);
  useEffect(
    () => () => session.presence.set({ focusAreaId: null, openMeasureId: null }),
    [session],
  );

  // When the panel closes, focus goes back to the card it was opened from (WCAG 2.4.3).
  const lastOpen = useRef<string | null>(null);
  useEffect(() => {
    if (openId) {
      lastOpen.current = openId;
      return;
    }
    const id = lastOpen.current;
    lastOpen.current = null;
    if (!id) return;
    const sel = `[data-measure-id="${CSS.escape(id)}"] [data-testid="measure-open"]`;
    requestAnimationFrame(() => document.querySelector<HTMLElement>(sel)?.focus());
  }, [openId]);

  const onError = useCallback(
    (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    [],
  );

  const ownerName = useCallback((id: string) => memberName(ctx.members, id), [ctx.members]);
  const derive = useMemo(() => {
    const todayISO = today();
    return (all: Parameters<typeof computeLayout>[0]) =>
      computeLayout(all, {
        focusAreaId,
        filters,
        columns: structure.columns,
        objectives: structure.objectives,
        milestones: structure.milestones,
        todayISO,
        ownerName,
      });
  }, [focusAreaId, filters, structure, ownerName]);
  const layout = useDerivedMeasures(session, derive, sameLayout);
  const hasCards = layout.shown > 0;
  useEffect(() => {
    if (hasCards) mark('tavla:board-rendered');
  }, [hasCards]);

  const msStates = useMilestoneStates(session, focusAreaId);
  const laneLabel = useCallback(
    (key: string): string => {
      const g = filters.groupBy;
      if (key === NO_GROUP) {
        return t(
          g === 'objective'
            ? 'filters.noObjective'
            : g === 'party'
              ? 'filters.noParty'
              : g === 'owner'
                ? 'filters.noOwner'
                : 'filters.noMilestone',
        );
      }
      if (g === 'objective') {
        const o = structure.objectives.find((x) => x.id === key);
        return o ? `${o.code} ${o.title}` : key;
      }
      if (g === 'party') return t(`party.${key}`);
      if (g === 'owner') return ownerName(key);
      if (g === 'milestone') {
        const ms = structure.milestones.find((x) => x.id === key);
        return ms
          ? t('milestones.lane', {
              title: ms.title,
              date: formatDate(ms.dueDate, i18n.resolvedLanguage ?? 'nb'),
              state: t(`milestones.state.${msStates.get(ms.id) ?? 'on_track'}`),
            })
          : key;
      }
      return '';
    },
    [filters.groupBy, structure, ownerName, t, i18n.resolvedLanguage, msStates],
  );

  // Until the document is here, the board may still turn up (DocumentPending); a missing one
  // is named by NotFoundPage.
  const pending = !focusArea && structure.focusAreas.length === 0 && !conn.ready;
  usePageTitle(focusArea || pending ? [focusArea?.title, structure.title || ctx.title] : null);

  if (!focusArea) {
    if (pending)
      return (
        <div className={page.center}>
          <DocumentPending />
        </div>
      );
    return (
      <NotFoundPage
        message={t('board.notFound')}
        back={{
          href: `/a/${encodeURIComponent(ctx.agreementId)}`,
          label: t('errors.backToAgreement'),
        }}
      />
    );
  }

  const grouped = filters.groupBy !== 'none';
  return (
    // Ungrouped, the board fills the window and its columns scroll (BoardPage.module.css).
    <div className={css.page} data-fills-window={!grouped || undefined}>
      <div className={css.head}>
        <AgreementBreadcrumbs
          agreementId={ctx.agreementId}
          title={structure.title || ctx.title}
          className={css.crumbs}
        />
        <div className={css.titleRow}>
          <Heading level={1} data-size="md" className={css.title}>
            <span className={css.faNumber}>
              {t('overview.focusArea', { number: focusArea.number })}
            </span>
            {focusArea.title}
          </Heading>
          <div className={css.presence}>
            <PresenceBar scope="board" focusAreaId={focusAreaId} compact />
          </div>
          <div className={css.actions}>
            <FindMeasureButton />
            <MilestonesButton focusAreaId={focusAreaId} />
            <ViewOptions />
            {ctx.canEdit && (
              <>
                <Button
                  variant="secondary"
                  data-size="sm"
                  disabled={!undoState.canUndo}
                  onClick={() => session.undo.undo()}
                  aria-keyshortcuts="Control+Z Meta+Z"
                >
                  <span aria-hidden="true">↶</span> {t('board.undo')}
                </Button>
                <Button
                  variant="secondary"
                  data-size="sm"
                  disabled={!undoState.canRedo}
                  onClick={() => session.undo.redo()}
                  aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
                >
                  <span aria-hidden="true">↷</span> {t('board.redo')}
                </Button>
              </>
            )}
          </div>
        </div>
        <PrintedAt className={css.printOnly} />
        <NewerFormatNotice />
        <RefusedEditsNotice />
        {ctx.role === 'viewer' && !ctx.newerFormat && !refusedEdits && (
          <Alert
            data-color="info"
            data-size="sm"
            className={css.noPrint}
            data-testid="read-only-notice"
          >
            {t('board.readOnly')}
          </Alert>
        )}
        <FilterBar focusAreaId={focusAreaId} shown={layout.shown} total={layout.total} />
        <OfflineMovesNotice />
        {error && (
          <Alert data-color="danger" data-size="sm" role="alert">
            <Paragraph data-size="sm">{t('detail.saveError', { message: error })}</Paragraph>
            <Button variant="tertiary" data-size="sm" onClick={() => setError(null)}>
              {t('conflict.dismiss')}
            </Button>
          </Alert>
        )}
      </div>
      <Board
        focusAreaId={focusAreaId}
        columns={structure.columns}
        layout={layout}
        laneLabel={laneLabel}
        grouped={grouped}
        openId={openId}
        onOpen={setOpenId}
        onError={onError}
      />
      {openId && <MeasurePanel measureId={openId} onClose={() => setOpenId(null)} />}
    </div>
  );
}

/** "Skrevet ut …" on paper only: when the printout was made, the time taken as it prints. */
function PrintedAt({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const at = usePrintedAt();
  return (
    <p className={className} data-testid="board-printed-at">
      {t('board.printedAt', { time: formatDateTime(at, i18n.resolvedLanguage ?? 'nb') })}
    </p>
  );
}
