import { Alert, Button, Dialog, Heading, Paragraph } from '@digdir/designsystemet-react';
import { archiveMeasure, measureText, restoreMeasure, stampTyping } from '@tavla/domain';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MeasureActivity } from '../activity/MeasureActivity';
import { useAgreementContext } from '../agreements/agreementContext';
import { NewerFormatNotice } from '../agreements/NewerFormatNotice';
import { useMeasureFields, useSession } from '../sync/react';
import { ChecklistSection } from './ChecklistSection';
import { CommentsSection } from './CommentsSection';
import { ConflictNotice } from './ConflictNotice';
import { FieldsSection } from './FieldsSection';
import { LinksSection } from './LinksSection';
import { PanelPeers } from './PanelPeers';
import css from './MeasurePanel.module.css';
import { StatusSection } from './StatusSection';
import { YTextField } from './YTextField';
import { SidePanel } from '../forms/SidePanel';
import { useEditError } from '../forms/useEditError';

const PANEL_FIELDS = ['archived'] as const;
const TITLE_FIELDS = ['title'] as const;
const DESCRIPTION_FIELDS = ['description'] as const;

/**
 * The card's detail panel: a drawer from the right, opened by ?m=<id>. The panel itself reads
 * only whether the measure exists and is archived; each part subscribes to the fields it shows,
 * and the title and description fields follow their Y.Text directly. So while others type in
 * the open measure, only the heading (and the conflict notice) re-render, not the owners,
 * checklist, comments and status history (long tasks of 56–120 ms in a meeting of 20).
 */
export function MeasurePanel({ measureId, onClose }: { measureId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const m = useMeasureFields(session, measureId, PANEL_FIELDS);
  const { canEdit, role } = useAgreementContext();
  const { error, run } = useEditError();
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
  // Typing moves the measure's updatedAt (at most once a minute), in the same transaction, and
  // shows the others that this person is typing here.
  const onType = useCallback(() => {
    stampTyping(session.doc, measureId, session.textOrigin);
    session.presence.typing(measureId);
  }, [session, measureId]);

  return (
    <SidePanel
      onClose={onClose}
      closeButton={t('detail.close')}
      className={css.dialog}
      aria-labelledby="measure-panel-title"
      data-testid="measure-panel"
      data-measure-id={measureId}
    >
      <Dialog.Block className={css.head}>
        <Heading level={2} data-size="sm" id="measure-panel-title" className={css.heading}>
          <PanelTitle measureId={measureId} />
        </Heading>
        <PanelPeers measureId={measureId} />
      </Dialog.Block>
      {m && texts && (
        <Dialog.Block className={css.body}>
          <NewerFormatNotice />
          <ConflictNotice measureId={measureId} />
          {m.archived && <Alert data-size="sm">{t('detail.archivedNotice')}</Alert>}
          {error && (
            <Alert data-color="danger" data-size="sm" role="alert">
              {t('detail.saveError', { message: error })}
            </Alert>
          )}
          {/* Editors keep their text fields when the agreement turns read-only (a newer
              format): the text, the caret and the focus stay where they were, the fields just
              take no more typing. */}
          {role !== 'viewer' ? (
            <>
              <YTextField
                ytext={texts.title}
                origin={session.textOrigin}
                label={t('detail.title')}
                maxLength={200}
                testId="measure-title-input"
                onLocalEdit={onType}
                readOnly={!canEdit}
              />
              <YTextField
                ytext={texts.description}
                origin={session.textOrigin}
                label={t('detail.description')}
                multiline
                maxLength={20000}
                testId="measure-description-input"
                onLocalEdit={onType}
                readOnly={!canEdit}
              />
            </>
          ) : (
            <section aria-labelledby="desc-h">
              <Heading level={3} data-size="2xs" id="desc-h">
                {t('detail.description')}
              </Heading>
              <Paragraph className={css.description}>
                <PanelDescription measureId={measureId} />
              </Paragraph>
            </section>
          )}
          <FieldsSection measureId={measureId} run={run} />
          <StatusSection measureId={measureId} run={run} />
          <ChecklistSection measureId={measureId} run={run} />
          <LinksSection measureId={measureId} run={run} />
          <CommentsSection measureId={measureId} run={run} />
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
    </SidePanel>
  );
}

/** The heading's text: the title as it is typed (by anyone). */
function PanelTitle({ measureId }: { measureId: string }) {
  const { t } = useTranslation();
  const m = useMeasureFields(useSession(), measureId, TITLE_FIELDS);
  return m ? m.title.trim() || t('card.untitled') : t('detail.notFound');
}

/** The description as text, for viewers (editors get the Y.Text-bound field). */
function PanelDescription({ measureId }: { measureId: string }) {
  const m = useMeasureFields(useSession(), measureId, DESCRIPTION_FIELDS);
  return m?.description || '—';
}
