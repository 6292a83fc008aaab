import { Heading } from '@digdir/designsystemet-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { useSession } from '../sync/react';
import css from './Activity.module.css';
import { ActivityFeed } from './ActivityFeed';

/** The measure's activity in its detail panel; refreshes a moment after the measure changes. */
export function MeasureActivity({ measureId }: { measureId: string }) {
  const { t } = useTranslation();
  const { agreementId } = useAgreementContext();
  const store = useSession().store;
  const refreshOn = useCallback(
    (onChange: () => void) => store.subscribeMeasure(measureId, onChange),
    [store, measureId],
  );
  return (
    <section
      className={css.section}
      aria-labelledby="measure-activity-h"
      data-testid="measure-activity"
    >
      <Heading level={3} data-size="2xs" id="measure-activity-h">
        {t('activity.measureTitle')}
      </Heading>
      <ActivityFeed
        agreementId={agreementId}
        measureId={measureId}
        limit={10}
        refreshOn={refreshOn}
      />
    </section>
  );
}
