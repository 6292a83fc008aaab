import { Alert, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { type ColumnView, isLate, type MeasureView } from '@tavla/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { AgreementLinks } from '../admin/AgreementLinks';
import { HealthIcon, LateIcon } from '../board/icons';
import { today } from '../board/dates';
import { ViewLinks } from '../overview/ViewLinks';
import { FindMeasureButton } from '../find/FindMeasure';
import { FocusAreaPeers } from '../presence/FocusAreaPeers';
import { PresenceBar } from '../presence/PresenceBar';
import page from '../shell/Page.module.css';
import { useAllMeasures, useConnection, useSession, useStructure } from '../sync/react';
import { useAgreementContext } from './agreementContext';
import { NewerFormatNotice } from './NewerFormatNotice';
import { RefusedEditsNotice } from './RefusedEditsNotice';
import css from './OverviewPage.module.css';
import { DocumentPending } from '../shell/DocumentPending';
import { lazyPart } from '../shell/lazyPart';
import { usePageTitle } from '../shell/usePageTitle';

// "Last ned til Excel" is not part of the board's first load (its JavaScript budget, issue 3):
// its own chunk, fetched when this page is shown, and once a board is idle
// (shell/offlineCode.ts), so that it is there offline too; until then nothing shows in its place.
const ExportButtons = lazyPart(
  () => import('../export/ExportButtons'),
  (m) => m.ExportButtons,
  { neededOffline: true, unavailable: () => null },
);

// "Siden sist du var her" likewise: only this page shows it.
const SinceLastVisit = lazyPart(
  () => import('../activity/SinceLastVisit'),
  (m) => m.SinceLastVisit,
  { neededOffline: true, unavailable: () => null },
);

interface Counts {
  total: number;
  late: number;
  red: number;
  byColumn: Map<string, number>;
}

export function countByFocusArea(
  measures: MeasureView[],
  todayISO: string,
  columns?: readonly ColumnView[],
): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const m of measures) {
    if (m.archived) continue;
    let c = out.get(m.focusAreaId);
    if (!c) {
      c = { total: 0, late: 0, red: 0, byColumn: new Map() };
      out.set(m.focusAreaId, c);
    }
    c.total++;
    if (isLate(m, todayISO, columns)) c.late++;
    if (m.health === 'red') c.red++;
    c.byColumn.set(m.columnId, (c.byColumn.get(m.columnId) ?? 0) + 1);
  }
  return out;
}

/** The agreement's front page: one tile per focus area with its numbers. */
export function OverviewPage() {
  const { t } = useTranslation();
  const ctx = useAgreementContext();
  const session = useSession();
  const structure = useStructure(session);
  const measures = useAllMeasures(session);
  const conn = useConnection(session);
  const counts = useMemo(
    () => countByFocusArea(measures, today(), structure.columns),
    [measures, structure.columns],
  );
  usePageTitle([structure.title || ctx.title]);

  return (
    <div className={page.page}>
      <div className={css.top}>
        <Heading level={1} data-size="lg">
          {structure.title || ctx.title}
        </Heading>
        <PresenceBar scope="agreement" />
      </div>
      <NewerFormatNotice />
      <RefusedEditsNotice />
      <div className={css.tools}>
        <FindMeasureButton />
        <ViewLinks agreementId={ctx.agreementId} />
      </div>
      <ExportButtons />
      <AgreementLinks agreementId={ctx.agreementId} isAdmin={ctx.role === 'admin'} />
      <SinceLastVisit />
      {!conn.ready && structure.focusAreas.length === 0 && (
        <div className={page.center}>
          <DocumentPending />
        </div>
      )}
      {conn.ready && structure.focusAreas.length === 0 && (
        <Alert data-color="info">{t('overview.emptyDoc')}</Alert>
      )}
      <section aria-labelledby="focus-areas-heading">
        <Heading level={2} data-size="sm" id="focus-areas-heading" className="visually-hidden">
          {t('overview.focusAreas')}
        </Heading>
        <ul className={css.grid}>
          {structure.focusAreas.map((fa) => {
            const c = counts.get(fa.id) ?? { total: 0, late: 0, red: 0, byColumn: new Map() };
            return (
              <li key={fa.id}>
                <Card asChild className={css.tile}>
                  <Link
                    href={`/a/${encodeURIComponent(ctx.agreementId)}/fa/${encodeURIComponent(fa.id)}`}
                    data-testid="focus-area-tile"
                    data-focus-area-id={fa.id}
                  >
                    <span className={css.number}>
                      {t('overview.focusArea', { number: fa.number })}
                    </span>
                    <Heading level={3} data-size="xs" className={css.title}>
                      {fa.title}
                    </Heading>
                    <Paragraph data-size="sm" className={css.total}>
                      {t('overview.measures', { count: c.total })}
                    </Paragraph>
                    <dl className={css.columns} aria-label={t('overview.perColumn')}>
                      {structure.columns.map((col) => (
                        <div key={col.id} className={css.colRow}>
                          <dt>{col.title}</dt>
                          <dd>{c.byColumn.get(col.id) ?? 0}</dd>
                        </div>
                      ))}
                    </dl>
                    <div className={css.flags}>
                      <span className={css.flag} data-active={c.late > 0 || undefined}>
                        <LateIcon />
                        {t('overview.late', { count: c.late })}
                      </span>
                      <span className={css.flag} data-danger={c.red > 0 || undefined}>
                        <HealthIcon health="red" />
                        {t('overview.red', { count: c.red })}
                      </span>
                      <FocusAreaPeers focusAreaId={fa.id} />
                    </div>
                  </Link>
                </Card>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
