import { Alert, Button, Paragraph, Spinner } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../admin/errors';
import { serverClock } from '../api/serverClock';
import css from './Activity.module.css';
import { useActivity } from './api';
import { phrase, when } from './phrase';

/** The activity log of an agreement or of one measure: newest first, "Vis flere" for older. */
export function ActivityFeed({
  agreementId,
  measureId,
  limit,
  refreshOn,
}: {
  agreementId: string;
  measureId?: string;
  limit?: number;
  /**
   * Subscribes to changes that should refetch the feed (the measure changed in the live
   * document); returns the unsubscribe. Pass a stable function (useCallback).
   */
  refreshOn?: (onChange: () => void) => () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'nb';
  const q = useActivity(agreementId, { measureId, limit });
  const { refetch } = q;
  // Relative times ("for 2 minutter siden") move on while the page is open.
  const [now, setNow] = useState(serverClock.now);
  useEffect(() => {
    const id = window.setInterval(() => setNow(serverClock.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  useEffect(() => {
    if (!refreshOn) return;
    let timer: number | undefined;
    // Once the changes pause: the read model follows the document within a second
    // (READMODEL.md). Subscribed, not a prop that changes, so typing does not re-render the feed.
    const stop = refreshOn(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void refetch(), 1500);
    });
    return () => {
      stop();
      window.clearTimeout(timer);
    };
  }, [refreshOn, refetch]);

  if (q.isPending) return <Spinner aria-label={t('activity.loading')} data-size="sm" />;
  if (q.isError)
    return (
      <Alert data-color="danger" data-testid="activity-error">
        {t('activity.error')} {apiErrorText(t, q.error)}
      </Alert>
    );
  const events = q.data.pages.flatMap((p) => p.events);
  if (events.length === 0) return <Paragraph data-size="sm">{t('activity.empty')}</Paragraph>;
  return (
    <div className={css.feed}>
      <ol className={css.list} data-testid="activity-list">
        {events.map((e) => {
          const time = when(e.at, lang, now);
          return (
            <li key={e.id} className={css.item} data-testid="activity-item" data-kind={e.kind}>
              <span className={css.text}>{phrase(t, e, lang)}</span>
              <time className={css.time} dateTime={e.at} title={time.absolute}>
                {time.relative}
              </time>
            </li>
          );
        })}
      </ol>
      {q.hasNextPage && (
        <div>
          <Button
            variant="secondary"
            data-size="sm"
            loading={q.isFetchingNextPage}
            onClick={() => void q.fetchNextPage()}
          >
            {t('activity.more')}
          </Button>
        </div>
      )}
      {q.isFetchNextPageError && (
        <Alert data-color="danger" role="alert">
          {t('activity.error')}
        </Alert>
      )}
    </div>
  );
}
