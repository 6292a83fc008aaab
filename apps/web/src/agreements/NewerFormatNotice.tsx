import { Alert, Button, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { reloadPage } from '../shell/reloadPage';
import { useAgreementContext } from './agreementContext';
import css from './NewerFormatNotice.module.css';

/**
 * "Tavla has been updated since you opened this page": shown while the document is of a newer
 * format than this build ([F1]), where the agreement is read-only, with a button that reloads
 * the page. Each page and dialog of the agreement shows it at its top (a modal dialog hides
 * the page behind it). The text is an alert, so that someone typing hears at once why the
 * field stopped taking input; the button sits beside it, not inside the live region (an alert
 * is for text only).
 */
export function NewerFormatNotice({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { newerFormat, role } = useAgreementContext();
  if (!newerFormat) return null;
  return (
    <Alert
      data-color="warning"
      data-size="sm"
      className={className}
      data-testid="newer-format-notice"
    >
      <div className={css.row}>
        <Paragraph data-size="sm" role="alert" className={css.text}>
          <strong>{t('newerFormat.title')}</strong>{' '}
          {role === 'viewer' ? t('newerFormat.bodyViewer') : t('newerFormat.body')}
        </Paragraph>
        {/* The app's own colour for the action, not the alert's (there is no warning button). */}
        <Button
          variant="primary"
          data-color="accent"
          data-size="sm"
          className={css.reload}
          onClick={reloadPage}
          data-testid="newer-format-reload"
        >
          {t('newerFormat.reload')}
        </Button>
      </div>
    </Alert>
  );
}
