import { Alert, Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { archiveMeasure, measureText, restoreMeasure } from '@tavla/domain';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MeasureActivity } from '../activity/MeasureActivity';
import { useAgreementContext } from '../agreements/agreementContext';
import { useMeasure, useSession, useStructure } from '../sync/react';
import { ChecklistSection } from './ChecklistSection';
import { CommentsSection } from './CommentsSection';
import { FieldsSection } from './FieldsSection';
import { LinksSection } from './LinksSection';
import { PanelPeers } from './PanelPeers';
import css from './MeasurePanel.module.css';
import { StatusSection } from './StatusSection';
import { useForeignChanges } from './useForeignChanges';
import { YTextField } from './YTextField';

/** The card's detail panel: a drawer from the right, opened by ?m=<id>. */
export function MeasurePanel({ measureId, onClose }: { measureId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const m = useMeasure(session, measureId);
  const { canEdit } = useAgreementContext();
  const { columns } = useStructure(session);
  const [notice, dismiss] = useForeignChanges(session, measureId);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  const exists = m !== undefined;
  const texts = useMemo(() => {
    if (!exists) return null;
    try {
      return {
        title: measureText(session.doc, measureId, 'title'),
        description: measureText(session.doc, measureId, 'description'),
      };
    } catch {
      return null;
    }
  }, [session, measureId, exists]);

  const noticeText = notice
    ? t(`conflict.${notice.kind}`, {
        name: notice.name ?? t('conflict.someone'),
        column: columns.find((c) => c.id === notice.columnId)?.title ?? '',
      })
    : null;

  return (
    <Dialog
      open
      modal
      placement="right"
      closedby="any"
      onClose={onClose}
      closeButton={t('detail.close')}
      className={css.dialog}
      aria-labelledby="measure-panel-title"
      data-testid="measure-panel"
      data-measure-id={measureId}
    >
      <Dialog.Block>
        <Heading level={2} data-size="sm" id="measure-panel-title" className={css.heading}>
          {m ? m.title.trim() || t('card.untitled') : t('detail.notFound')}
        </Heading>
        <PanelPeers measureId={measureId} />
      </Dialog.Block>
      {m && texts && (
        <Dialog.Block className={css.body}>
          {noticeText && (
            <Alert
              data-color="info"
              data-size="sm"
              className={css.notice}
              data-testid="conflict-notice"
            >
              <div role={notice?.kind === 'changed' ? undefined : 'status'}>{noticeText}</div>
              <Button variant="tertiary" data-size="sm" onClick={dismiss}>
                {t('conflict.dismiss')}
              </Button>
            </Alert>
          )}
          {m.archived && <Alert data-size="sm">{t('detail.archivedNotice')}</Alert>}
          {error && (
            <Alert data-color="danger" data-size="sm" role="alert">
              {t('detail.saveError', { message: error })}
            </Alert>
          )}
          {canEdit ? (
            <>
              <YTextField
                ytext={texts.title}
                origin={session.textOrigin}
                label={t('detail.title')}
                maxLength={200}
                testId="measure-title-input"
              />
              <YTextField
                ytext={texts.description}
                origin={session.textOrigin}
                label={t('detail.description')}
                multiline
                maxLength={20000}
                testId="measure-description-input"
              />
            </>
          ) : (
            <section aria-labelledby="desc-h">
              <Heading level={3} data-size="2xs" id="desc-h">
                {t('detail.description')}
              </Heading>
              <Paragraph className={css.description}>{m.description || '—'}</Paragraph>
            </section>
          )}
          <FieldsSection measure={m} run={run} />
          <StatusSection measure={m} run={run} />
          <ChecklistSection measure={m} run={run} />
          <LinksSection measure={m} run={run} />
          <CommentsSection measure={m} run={run} />
          <MeasureActivity measureId={measureId} />
          {canEdit && (
            <div className={css.footer}>
              {m.archived ? (
                <Button
                  variant="secondary"
                  onClick={() => run(() => restoreMeasure(session.doc, measureId, session.origin))}
                >
                  {t('board.restore')}
                </Button>
              ) : (
                <Button
                  variant="secondary"
                  data-color="danger"
                  onClick={() => run(() => archiveMeasure(session.doc, measureId, session.origin))}
                >
                  {t('board.archive')}
                </Button>
              )}
            </div>
          )}
        </Dialog.Block>
      )}
    </Dialog>
  );
}
