import { Link as DsLink, Heading, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAgreementContext } from '../agreements/agreementContext';
import { ApiError } from '../api/client';
import { withOfflineCopy } from '../api/offlineCopy';
import { formatDateTime } from '../i18n';
import { useMeasureFields, useSession, useStructure } from '../sync/react';
import css from './SinceLastVisit.module.css';
import { loadChangesSince, type MeasureChanges, summarise } from './sinceLast';
import { when } from './phrase';
import { useLastVisit } from './useLastVisit';

/**
 * "Siden sist du var her (<dato>)" on the agreement's front page: the measures others changed
 * since this person's previous visit (lastVisit.ts), newest first, one line per measure. Nothing
 * on the first visit in this browser but a line saying what will show here.
 */
export function SinceLastVisit() {
  const { t } = useTranslation();
  const ctx = useAgreementContext();
  const visit = useLastVisit(ctx.agreementId, ctx.me.id);
  if (!visit) return null;
  if (visit.previous === null)
    return (
      <Paragraph data-size="sm" className={css.quiet} data-testid="since-last-first">
        {t('sinceLast.firstVisit')}
      </Paragraph>
    );
  return <ChangesSince agreementId={ctx.agreementId} since={visit.previous} myId={ctx.me.id} />;
}

function ChangesSince({
  agreementId,
  since,
  myId,
}: {
  agreementId: string;
  since: string;
  myId: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const q = useQuery({
    queryKey: ['agreements', agreementId, 'activity', 'since', since],
    queryFn: async () => {
      // With no network, the list as last fetched in this browser, if it counts from the same
      // visit (a reload on the train); forgotten on signing out, like every offline copy.
      const r = await withOfflineCopy(`sinceLast:${agreementId}`, () =>
        loadChangesSince(agreementId, since, myId),
      );
      if (r.since !== since) throw new ApiError(0, 'network', 'no copy of this visit');
      return r;
    },
    staleTime: 30_000,
    retry: 1, // offline, the note should come soon, not after three tries
  });
  const date = formatDateTime(since, lang);

  // Offline, or the server failed: say so in one line; what was fetched before stays shown.
  if (!q.data) {
    if (q.isError)
      return (
        <Paragraph data-size="sm" className={css.quiet} data-testid="since-last-error">
          {t('sinceLast.error')}
        </Paragraph>
      );
    return (
      <Paragraph data-size="sm" className={css.quiet}>
        <Spinner aria-hidden data-size="xs" /> {t('sinceLast.loading')}
      </Paragraph>
    );
  }
  const { changes, more } = q.data;
  if (changes.length === 0)
    return (
      <Paragraph data-size="sm" className={css.quiet} data-testid="since-last-none">
        {t('sinceLast.none', { date })}
      </Paragraph>
    );

  return (
    <section aria-labelledby="since-last-heading" className={css.section} data-testid="since-last">
      <Heading level={2} data-size="xs" id="since-last-heading">
        {t('sinceLast.heading', { date })}
      </Heading>
      <ul className={css.list}>
        {changes.map((c) => (
          <ChangedMeasure key={c.measureId} agreementId={agreementId} changes={c} />
        ))}
      </ul>
      <Paragraph data-size="sm" className={css.footer}>
        {more > 0 && <span>{t('sinceLast.more', { count: more })}</span>}
        {!q.data.complete && <span>{t('sinceLast.maybeMore')}</span>}
        <DsLink asChild>
          <Link
            href={`/a/${encodeURIComponent(agreementId)}/aktivitet`}
            data-testid="since-last-all"
          >
            {t('sinceLast.showAll')}
          </Link>
        </DsLink>
      </Paragraph>
    </section>
  );
}

const FIELDS = ['title', 'focusAreaId'] as const;

/** One measure: its title (opens it on its board), focus area, who changed what, when. */
function ChangedMeasure({
  agreementId,
  changes,
}: {
  agreementId: string;
  changes: MeasureChanges;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const session = useSession();
  // Only the fields shown: someone typing in the description does not re-render the list.
  const measure = useMeasureFields(session, changes.measureId, FIELDS);
  const structure = useStructure(session);
  const focusArea = measure && structure.focusAreas.find((fa) => fa.id === measure.focusAreaId);
  // The live document's title (it may have been renamed since); the log's when it is not there.
  const title = measure?.title.trim() || changes.title || '…';
  const time = when(changes.latestAt, lang);
  return (
    <li className={css.item} data-testid="since-last-item" data-measure-id={changes.measureId}>
      {focusArea ? (
        <DsLink asChild className={css.title}>
          <Link
            href={`/a/${encodeURIComponent(agreementId)}/fa/${encodeURIComponent(focusArea.id)}?m=${encodeURIComponent(changes.measureId)}`}
          >
            {title}
          </Link>
        </DsLink>
      ) : (
        <span className={css.title}>{title}</span>
      )}
      <span className={css.meta}>
        {focusArea && (
          <span className={css.area}>{t('overview.focusArea', { number: focusArea.number })}</span>
        )}
        <span data-testid="since-last-what">{summarise(t, changes, lang)}</span>
        <time dateTime={changes.latestAt} title={time.absolute}>
          {/* "for 2 timer siden" means nothing on a printout read at the meeting: the time there. */}
          <span className={css.screenOnly}>{time.relative}</span>
          <span className={css.printOnly}>{time.absolute}</span>
        </time>
      </span>
    </li>
  );
}
