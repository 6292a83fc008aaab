import { Button } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';
import { MilestoneIcon } from '../board/icons';
import { useSession, useStructure } from '../sync/react';
import { lazyPart } from '../shell/lazyPart';
import { PartUnavailable } from '../shell/PartUnavailable';

// Offline before the preload fetched it, the dialog's place says so (shell/lazyPart.tsx).
const MilestonesDialog = lazyPart(
  () => import('./MilestonesDialog'),
  (m) => m.default,
  {
    neededOffline: true,
    unavailable: (p, retry) => <PartUnavailable part="milestones" onClose={p.onClose} {...retry} />,
  },
);

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
        <MilestonesDialog
          focusAreaId={focusAreaId}
          onClose={close}
          initialOpenId={linked ?? undefined}
        />
      )}
    </>
  );
}
