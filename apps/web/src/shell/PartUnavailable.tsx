import {
  Alert,
  Button,
  Dialog,
  Heading,
  Link as DsLink,
  Paragraph,
} from '@digdir/designsystemet-react';
import { useId, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Retry } from './lazyPart';
import css from './PartUnavailable.module.css';
import { reloadPage } from './reloadPage';

export type PartName = 'card' | 'milestones' | 'timeline' | 'find';

const subscribeOnline = (fn: () => void) => {
  window.addEventListener('online', fn);
  window.addEventListener('offline', fn);
  return () => {
    window.removeEventListener('online', fn);
    window.removeEventListener('offline', fn);
  };
};

/**
 * In place of a part whose code could not be fetched (shell/lazyPart.tsx): offline, that it
 * opens once the network is back and that nothing done on the board is lost; online (the chunk
 * is gone after an update, or the network failed for a moment), a way to reload too. A modal
 * dialog where the part is one (close returns to the board, which works offline), otherwise a
 * notice in the page with a link back to the agreement.
 */
export function PartUnavailable({
  part,
  retry,
  retrying,
  onClose,
  agreementHref,
}: Retry & { part: PartName; onClose?: () => void; agreementHref?: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const content = (
    <>
      {/* In the page it is the page's heading. */}
      <Heading level={onClose ? 2 : 1} data-size="xs" id={titleId}>
        {t(`parts.${part}.${online ? 'failed' : 'offline'}`)}
      </Heading>
      <Paragraph data-size="sm">{t(online ? 'parts.failedBody' : 'parts.offlineBody')}</Paragraph>
      <div className={css.actions}>
        {/* The app's own colour for the action, not the alert's (there is no warning button). */}
        <Button data-size="sm" data-color="accent" loading={retrying} onClick={retry}>
          {t('parts.retry')}
        </Button>
        {online && (
          <Button data-size="sm" variant="secondary" onClick={reloadPage}>
            {t('parts.reload')}
          </Button>
        )}
        {onClose && (
          <Button data-size="sm" variant="secondary" onClick={onClose}>
            {t('parts.close')}
          </Button>
        )}
        {agreementHref && (
          <DsLink asChild>
            <Link href={agreementHref}>{t('parts.back')}</Link>
          </DsLink>
        )}
      </div>
    </>
  );
  if (onClose)
    return (
      <Dialog
        open
        modal
        closedby="any"
        onClose={onClose}
        closeButton={false}
        aria-labelledby={titleId}
        data-testid="part-unavailable"
        data-part={part}
      >
        <Dialog.Block>{content}</Dialog.Block>
      </Dialog>
    );
  return (
    <div className={css.page}>
      <Alert
        data-color="warning"
        aria-labelledby={titleId}
        data-testid="part-unavailable"
        data-part={part}
      >
        {content}
      </Alert>
    </div>
  );
}
