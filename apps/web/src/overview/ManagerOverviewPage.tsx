import {
  Alert,
  Button,
  Details,
  Heading,
  Link as DsLink,
  Paragraph,
  Spinner,
} from '@digdir/designsystemet-react';
import type { Health } from '@tavla/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAgreementContext } from '../agreements/agreementContext';
import { NewerFormatNotice } from '../agreements/NewerFormatNotice';
import { RefusedEditsNotice } from '../agreements/RefusedEditsNotice';
import { today } from '../board/dates';
import { ExportButtons } from '../export/ExportButtons';
import { HealthIcon, LateIcon } from '../board/icons';
import { formatDate, formatDateTime } from '../i18n';
import { MilestoneStateIcon } from '../milestones/MilestoneState';
import { useSession } from '../sync/react';
import {
  addDays,
  type AgreementSummaryModel,
  boardHref,
  type FocusAreaSummary,
  type HealthCounts,
  type MilestoneRow,
  type ObjectiveSummary,
  useAgreementSummary,
  useMilestonesAcross,
  useRefetchOnDocChange,
} from './api';
import css from './ManagerOverview.module.css';
import { usePageTitle } from '../shell/usePageTitle';
import { AgreementBreadcrumbs } from '../shell/AgreementBreadcrumbs';

const HEALTHS: Health[] = ['red', 'yellow', 'green'];

/**
 * Lederoversikt: the agreement's health rolled up measures → strategy → delmål → focus area,
 * from the server's read model (GET /api/agreements/:id/summary). Every number links to the
 * measures behind it: the focus area's board with a filter in the URL.
 */
export default function ManagerOverviewPage() {
  const { t, i18n } = useTranslation();
  const ctx = useAgreementContext();
  const session = useSession();
  const summary = useAgreementSummary(ctx.agreementId);
  useRefetchOnDocChange(session, ctx.agreementId);
  const agreementHref = `/a/${encodeURIComponent(ctx.agreementId)}`;
  usePageTitle([t('managerOverview.title'), summary.data?.title || ctx.title]);

  return (
    <div className={css.page}>
      <AgreementBreadcrumbs
        agreementId={ctx.agreementId}
        title={summary.data?.title || ctx.title}
        className={css.screenOnly}
      />
      <div className={css.head}>
        <div>
          <Heading level={1} data-size="md">
            {/* On paper there are no breadcrumbs to say which agreement this is. */}
            <span className={css.printOnly}>{summary.data?.title || ctx.title} – </span>
            {t('managerOverview.title')}
          </Heading>
          <Paragraph data-size="sm" className={css.subtle}>
            {t('managerOverview.intro')}
          </Paragraph>
        </div>
        <div className={css.headLinks}>
          <DsLink asChild>
            <Link href={`${agreementHref}/milepaeler`}>{t('timeline.title')}</Link>
          </DsLink>
          {summary.data && (
            <Paragraph data-size="xs" className={css.subtle} data-testid="summary-generated">
              {t('managerOverview.generated', {
                time: formatDateTime(summary.data.generatedAt, i18n.resolvedLanguage ?? 'nb'),
              })}
            </Paragraph>
          )}
        </div>
      </div>
      {/* From the live document (not the read model above): what the boards show this minute. */}
      <ExportButtons />
      <NewerFormatNotice />
      <RefusedEditsNotice />
      {summary.isPending && (
        <div className={css.center}>
          <Spinner aria-label={t('app.loading')} />
        </div>
      )}
      {summary.isError && (
        <Alert data-color="warning" role="alert">
          <Paragraph>{t('managerOverview.error')}</Paragraph>
          <Button variant="secondary" data-size="sm" onClick={() => void summary.refetch()}>
            {t('errors.retry')}
          </Button>
        </Alert>
      )}
      {summary.data && <SummaryView data={summary.data} />}
      <AcrossAgreements todayISO={summary.data?.today ?? today()} />
    </div>
  );
}

function SummaryView({ data }: { data: AgreementSummaryModel }) {
  return (
    <div className={css.areas}>
      {data.focusAreas.map((fa) => (
        <FocusAreaBlock key={fa.id} fa={fa} data={data} />
      ))}
    </div>
  );
}

/**
 * A number that opens the board filtered to the measures behind it. Its name is what it shows
 * (label, then number) followed by hidden words that say what the number counts and where.
 */
function NumberLink({
  href,
  count,
  after,
  children,
  tone,
}: {
  href: string;
  count: number;
  after: string;
  children?: ReactNode;
  tone?: 'danger' | 'warning';
}) {
  return (
    <Link
      href={href}
      className={css.numberLink}
      data-tone={count > 0 ? tone : undefined}
      data-testid="overview-number"
      data-count={count}
    >
      {children} <span className={css.number}>{count}</span>{' '}
      <span className="visually-hidden">{after}</span>
    </Link>
  );
}

/** The milestone timeline of an agreement, opened on one milestone. */
function timelineHref(agreementId: string, milestoneId: string): string {
  return `/a/${encodeURIComponent(agreementId)}/milepaeler?milepael=${encodeURIComponent(milestoneId)}`;
}

function worstOf(h: HealthCounts): Health | null {
  if (h.red > 0) return 'red';
  if (h.yellow > 0) return 'yellow';
  if (h.green > 0) return 'green';
  return null;
}

function FocusAreaBlock({ fa, data }: { fa: FocusAreaSummary; data: AgreementSummaryModel }) {
  const { t } = useTranslation();
  const a = data.agreementId;
  const area = t('overview.focusArea', { number: fa.number });
  const ids = (list: string[]) => ({ tiltak: list.join(',') });
  const after = t('managerOverview.suffixArea', { area });
  const worst = worstOf(fa.measures.perHealth);
  const headingId = `mo-fa-${fa.id}`;
  return (
    <section
      className={css.area}
      aria-labelledby={headingId}
      data-testid="overview-focus-area"
      data-focus-area-id={fa.id}
    >
      <div className={css.areaHead}>
        <Heading level={2} data-size="sm" id={headingId} className={css.areaTitle}>
          <span className={css.faNumber}>{area}</span>
          {fa.title}
        </Heading>
        {worst && (
          <span className={css.rollup}>
            <HealthIcon health={worst} />
            {t('managerOverview.rollup', { health: t(`health.${worst}`) })}
          </span>
        )}
      </div>

      <div className={css.stats}>
        <div className={css.statGroup}>
          <h3 className={css.statTitle}>{t('managerOverview.measures')}</h3>
          <ul className={css.statList}>
            <li>
              <NumberLink href={boardHref(a, fa.id)} count={fa.measures.total} after={after}>
                <span className={css.statName}>{t('managerOverview.total')}</span>
              </NumberLink>
            </li>
            <li>
              <NumberLink
                href={boardHref(a, fa.id, { forsinket: '1' })}
                count={fa.measures.late}
                after={after}
                tone="danger"
              >
                <span className={css.statName}>
                  <LateIcon /> {t('managerOverview.late')}
                </span>
              </NumberLink>
            </li>
            <li>
              <NumberLink
                href={boardHref(a, fa.id, ids(fa.measureIds.noOwner))}
                count={fa.measures.noOwner}
                after={after}
                tone="warning"
              >
                <span className={css.statName}>{t('managerOverview.noOwner')}</span>
              </NumberLink>
            </li>
            <li>
              <NumberLink
                href={boardHref(a, fa.id, ids(fa.measureIds.noObjective))}
                count={fa.measures.noObjective}
                after={after}
                tone="warning"
              >
                <span className={css.statName}>{t('managerOverview.noObjective')}</span>
              </NumberLink>
            </li>
            <li>
              <NumberLink
                href={boardHref(a, fa.id, ids(fa.measureIds.changedLast14Days))}
                count={fa.measures.changedLast14Days}
                after={after}
              >
                <span className={css.statName}>{t('managerOverview.changed')}</span>
              </NumberLink>
            </li>
          </ul>
        </div>
        <div className={css.statGroup}>
          <h3 className={css.statTitle}>{t('managerOverview.perHealth')}</h3>
          <ul className={css.statList}>
            {HEALTHS.map((h) => (
              <li key={h}>
                <NumberLink
                  href={boardHref(a, fa.id, { status: h })}
                  count={fa.measures.perHealth[h]}
                  after={after}
                >
                  <span className={css.statName}>
                    <HealthIcon health={h} /> {t(`health.${h}`)}
                  </span>
                </NumberLink>
              </li>
            ))}
          </ul>
        </div>
        <div className={css.statGroup}>
          <h3 className={css.statTitle}>{t('managerOverview.perColumn')}</h3>
          <ul className={css.statList}>
            {data.columns.map((c) => (
              <li key={c.id}>
                <NumberLink
                  href={boardHref(a, fa.id, { kolonne: c.id })}
                  count={fa.measures.perColumn[c.id] ?? 0}
                  after={after}
                >
                  <span className={css.statName}>{c.title}</span>
                </NumberLink>
              </li>
            ))}
          </ul>
        </div>
        <div className={css.statGroup}>
          <h3 className={css.statTitle}>{t('managerOverview.milestones')}</h3>
          <MilestoneList
            title={t('managerOverview.overdue')}
            rows={fa.milestones.overdue}
            agreementId={a}
            empty={t('managerOverview.noneOverdue')}
          />
          <MilestoneList
            title={t('managerOverview.next90')}
            rows={fa.milestones.next90Days}
            agreementId={a}
            empty={t('managerOverview.noneNext90')}
          />
        </div>
      </div>

      <TableScroll label={t('managerOverview.objectivesCaption', { area })}>
        <table className={`${css.table} ${css.objectives}`}>
          <caption className="visually-hidden">
            {t('managerOverview.objectivesCaption', { area })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('managerOverview.objective')}</th>
              <th scope="col" className={css.spreadHead}>
                {t('managerOverview.spread')}
              </th>
              <th scope="col">{t('managerOverview.latest')}</th>
            </tr>
          </thead>
          <tbody>
            {fa.objectives.map((o) => (
              <ObjectiveRow key={o.id} o={o} fa={fa} agreementId={a} />
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** Wide tables scroll sideways on narrow screens (and at 200 % zoom), reachable by keyboard. */
function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className={css.tableScroll} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

function ObjectiveRow({
  o,
  fa,
  agreementId,
}: {
  o: ObjectiveSummary;
  fa: FocusAreaSummary;
  agreementId: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const total = o.health.green + o.health.yellow + o.health.red + o.health.none;
  return (
    <tr data-testid="overview-objective" data-objective-id={o.id}>
      <th scope="row" className={css.objCell}>
        <span className={css.code}>{o.code}</span> {o.title}
        {o.strategies.length > 0 && (
          <Details className={css.strategies} data-size="sm">
            <Details.Summary>
              {t('managerOverview.strategies', { count: o.strategies.length })}
            </Details.Summary>
            <Details.Content>
              <ul className={css.strategyList}>
                {o.strategies.map((s) => (
                  <li key={s.id}>
                    <span>{s.title}</span>
                    <HealthSpread counts={s.health} compact />
                  </li>
                ))}
              </ul>
            </Details.Content>
          </Details>
        )}
      </th>
      <td data-label={t('managerOverview.spread')}>
        {total === 0 ? (
          <span className={css.subtle}>{t('managerOverview.noMeasures')}</span>
        ) : (
          <div className={css.spreadCell}>
            <HealthSpread counts={o.health} />
            <ul className={css.spreadLinks}>
              {HEALTHS.map((h) => (
                <li key={h}>
                  <NumberLink
                    href={boardHref(agreementId, fa.id, { delmal: o.id, status: h })}
                    count={o.health[h]}
                    after={t('managerOverview.suffixObjective', { code: o.code })}
                  >
                    <HealthIcon health={h} />
                    <span className="visually-hidden">{t(`health.${h}`)} </span>
                  </NumberLink>
                </li>
              ))}
            </ul>
          </div>
        )}
      </td>
      <td data-label={t('managerOverview.latest')}>
        {o.latestStatusUpdates.length === 0 ? (
          <span className={css.subtle}>{t('managerOverview.noUpdates')}</span>
        ) : (
          <ul className={css.updates}>
            {o.latestStatusUpdates.slice(0, 2).map((u) => (
              <li key={`${u.measureId}-${u.date}`}>
                <span className={css.updateHead}>
                  <HealthIcon health={u.health} />
                  <Link
                    href={boardHref(agreementId, fa.id, { m: u.measureId })}
                    className={css.updateTitle}
                  >
                    {u.measureTitle}
                  </Link>
                </span>
                <span className={css.updateText}>{u.text}</span>
                <span className={css.subtle}>
                  {formatDate(u.date, lang)} · {u.authorName}
                </span>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** Stacked bar of a health spread; the counts are in the text beside it, not in colour alone. */
function HealthSpread({ counts, compact }: { counts: HealthCounts; compact?: boolean }) {
  const { t } = useTranslation();
  const total = counts.green + counts.yellow + counts.red + counts.none;
  const text = HEALTHS.map((h) => `${counts[h]} ${t(`health.${h}`).toLocaleLowerCase()}`).join(
    ', ',
  );
  return (
    <span className={css.spread} data-compact={compact || undefined}>
      <span className={css.spreadBar} aria-hidden="true">
        {total > 0 &&
          (['red', 'yellow', 'green', 'none'] as const).map((h) =>
            counts[h] > 0 ? (
              <span key={h} data-health={h} style={{ width: `${(100 * counts[h]) / total}%` }} />
            ) : null,
          )}
      </span>
      <span className={compact ? css.spreadTextCompact : 'visually-hidden'}>{text}</span>
    </span>
  );
}

function MilestoneList({
  title,
  rows,
  agreementId,
  empty,
}: {
  title: string;
  rows: MilestoneRow[];
  agreementId: string;
  empty: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  return (
    <div className={css.msBlock}>
      <h4 className={css.msTitle}>{title}</h4>
      {rows.length === 0 ? (
        <span className={css.subtle}>{empty}</span>
      ) : (
        <ul className={css.msList}>
          {rows.map((r) => (
            <li key={r.id}>
              <MilestoneStateIcon state={r.state} />
              <span className={css.msName}>
                <Link href={timelineHref(agreementId, r.id)} className={css.msLink}>
                  {r.title}
                </Link>{' '}
                <span className={css.subtle}>
                  {formatDate(r.dueDate, lang)} · {t(`milestones.state.${r.state}`)}
                </span>
              </span>
              <NumberLink
                href={boardHref(agreementId, r.focusAreaId, { tiltak: r.measureIds.join(',') })}
                count={r.measureCount}
                after={t('managerOverview.suffixMilestone', { title: r.title })}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Milestones in the coming 90 days across every agreement the person is a member of. */
function AcrossAgreements({ todayISO }: { todayISO: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const to = addDays(todayISO, 90);
  const q = useMilestonesAcross(todayISO, to);
  return (
    <section className={css.across} aria-labelledby="mo-across">
      <Heading level={2} data-size="xs" id="mo-across">
        {t('managerOverview.across')}
      </Heading>
      {q.isError && <Paragraph data-size="sm">{t('managerOverview.acrossError')}</Paragraph>}
      {q.data && q.data.length === 0 && (
        <Paragraph data-size="sm">{t('managerOverview.noneNext90')}</Paragraph>
      )}
      {q.data && q.data.length > 0 && (
        <TableScroll label={t('managerOverview.across')}>
          <table className={css.table} data-testid="across-milestones">
            <thead>
              <tr>
                <th scope="col">{t('managerOverview.date')}</th>
                <th scope="col">{t('managerOverview.milestone')}</th>
                <th scope="col">{t('managerOverview.agreementArea')}</th>
                <th scope="col">{t('managerOverview.state')}</th>
                <th scope="col">{t('managerOverview.measures')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((r) => (
                <tr key={`${r.agreementId}-${r.id}`}>
                  <td className={css.nowrap}>{formatDate(r.dueDate, lang)}</td>
                  <td>
                    <Link href={timelineHref(r.agreementId, r.id)} className={css.msLink}>
                      {r.title}
                    </Link>
                  </td>
                  <td>
                    {r.agreementTitle} · {t('overview.focusArea', { number: r.focusAreaNumber })}
                  </td>
                  <td className={css.nowrap}>
                    <MilestoneStateIcon state={r.state} /> {t(`milestones.state.${r.state}`)}
                  </td>
                  <td>
                    <NumberLink
                      href={boardHref(r.agreementId, r.focusAreaId, {
                        tiltak: r.measureIds.join(','),
                      })}
                      count={r.measureCount}
                      after={t('managerOverview.suffixMilestone', { title: r.title })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
