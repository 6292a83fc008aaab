import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useRefusedEdits, useSession } from '../sync/react';

/**
 * "Your changes were not saved": the server refused edits of this person because they may only
 * read the agreement now ([A3]), typically edits made offline while an admin made them a
 * viewer. Shown at the top of each page of the agreement for as long as that holds; the edits
 * stay on this machine (document and offline copy) and the notice goes once the server has
 * taken them (they may edit again). An alert, so it is heard when it appears.
 */
export function RefusedEditsNotice({ className }: { className?: string }) {
  const { t } = useTranslation();
  const refused = useRefusedEdits(useSession());
  if (!refused) return null;
  return (
    <Alert
      data-color="warning"
      data-size="sm"
      className={className}
      data-testid="refused-edits-notice"
    >
      <Paragraph data-size="sm" role="alert">
        {t('refusedEdits.body')}
      </Paragraph>
    </Alert>
  );
}
