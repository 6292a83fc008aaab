import { Button } from '@digdir/designsystemet-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { lazyPart } from '../shell/lazyPart';
import { PartUnavailable } from '../shell/PartUnavailable';

/**
 * Whether "Finn tiltak" is open: one per page, opened by its buttons or by Ctrl+K / ⌘K, and
 * what had the focus when it opened (taken then, before the dialog moves it).
 */
export const useFind = create<{
  open: boolean;
  returnTo: Element | null;
  setOpen: (open: boolean) => void;
}>((set, get) => ({
  open: false,
  returnTo: null,
  setOpen: (open) => {
    if (open === get().open) return;
    set({
      open,
      returnTo: open && typeof document !== 'undefined' ? document.activeElement : null,
    });
  },
}));

// Loaded on first use, and fetched for offline use once a board is idle (shell/offlineCode.ts).
const FindMeasureDialog = lazyPart(
  () => import('./FindMeasureDialog'),
  (m) => m.default,
  {
    neededOffline: true,
    unavailable: (p, retry) => <PartUnavailable part="find" onClose={p.onClose} {...retry} />,
  },
);

/** Ctrl+K (⌘K on a Mac) anywhere in the agreement; Alt or Shift with it is something else. */
export function isFindShortcut(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

/**
 * "Finn tiltak" for every page of an agreement (mounted once by AgreementScope): the keyboard
 * shortcut and the dialog. The buttons that open it are FindMeasureButton.
 */
export function FindMeasure() {
  const open = useFind((s) => s.open);
  const setOpen = useFind((s) => s.setOpen);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isFindShortcut(e)) return;
      // The browser's own Ctrl+K (its search bar) would take the person out of the page.
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      setOpen(false); // leaving the agreement closes it
    };
  }, [setOpen]);
  // Closed without choosing, focus goes back to where it was (the button, a card): the dialog
  // is unmounted open, so the browser's own return of focus does not happen. Once a measure
  // is chosen, its card takes the focus instead.
  const dismiss = () => {
    const el = useFind.getState().returnTo;
    setOpen(false);
    if (el instanceof HTMLElement && el.isConnected) requestAnimationFrame(() => el.focus());
  };
  return open ? <FindMeasureDialog onClose={dismiss} onChosen={() => setOpen(false)} /> : null;
}

/** The button that opens "Finn tiltak" (on the board and the agreement's front page). */
export function FindMeasureButton() {
  const { t } = useTranslation();
  const setOpen = useFind((s) => s.setOpen);
  return (
    <Button
      variant="secondary"
      data-size="sm"
      aria-haspopup="dialog"
      aria-keyshortcuts="Control+K Meta+K"
      onClick={() => setOpen(true)}
      data-testid="find-button"
    >
      <SearchIcon /> {t('find.button')}
    </Button>
  );
}

function SearchIcon() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="M15.5 15.5 20 20" />
    </svg>
  );
}
