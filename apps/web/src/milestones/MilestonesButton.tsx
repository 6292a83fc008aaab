import { Button } from '@digdir/designsystemet-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { MilestoneIcon } from '../board/icons';
import { useSession, useStructure } from '../sync/react';
import { neededOffline } from '../shell/offlineCode';

const MilestonesDialog = lazy(neededOffline(() => import('./MilestonesDialog')));

/** The board's "Milepæler" button; the dialog itself loads on first open. */
export function MilestonesButton({ focusAreaId }: { focusAreaId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const { milestones } = useStructure(session);
  const count = milestones.filter((m) => m.focusAreaId === focusAreaId).length;
  // ?milepael=<id> (a link from the timeline) opens the dialog on that milestone.
  const [params, setParams] = useSearchParams();
  const linked = params.get('milepael');
  const [open, setOpen] = useState(linked !== null);
  const close = () => {
    setOpen(false);
    if (linked !== null)
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          p.delete('milepael');
          return p;
        },
        { replace: true },
      );
  };
  return (
    <>
      <Button
        variant="secondary"
        data-size="sm"
        onClick={() => setOpen(true)}
        data-testid="milestones-button"
        aria-haspopup="dialog"
      >
        <MilestoneIcon /> {t('milestones.button', { count })}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <MilestonesDialog
            focusAreaId={focusAreaId}
            onClose={close}
            initialOpenId={linked ?? undefined}
          />
        </Suspense>
      )}
    </>
  );
}
