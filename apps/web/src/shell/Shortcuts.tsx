import { Button, Dialog, Heading } from '@digdir/designsystemet-react';
import { Fragment, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isTextTarget } from '../board/useUndo';
import css from './Shortcuts.module.css';

/** A Mac names the modifier ⌘, everyone else Ctrl. */
function modifier(): string {
  const platform =
    (navigator as { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform ??
    '';
  return /mac|iphone|ipad/i.test(platform) ? '⌘' : 'Ctrl';
}

/** "?" outside a text field; not with Ctrl, Alt or ⌘ (those are the browser's). */
export function isShortcutsKey(e: KeyboardEvent): boolean {
  return e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextTarget(e.target);
}

/**
 * "Hurtigtaster": the keyboard shortcuts of the whole app in one dialog, opened with "?" (as in
 * GitHub and Linear) or the footer's button. Mounted once by Layout.
 */
export function Shortcuts() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcutsKey(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <Button
        variant="tertiary"
        data-size="sm"
        className={css.open}
        aria-haspopup="dialog"
        aria-keyshortcuts="Shift+?"
        onClick={() => setOpen(true)}
        data-testid="shortcuts-button"
      >
        {t('shortcuts.button')}
      </Button>
      {open && <ShortcutsDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const mod = modifier();
  const groups: { title: string; rows: [keys: string[][], what: string][] }[] = [
    {
      title: t('shortcuts.everywhere'),
      rows: [
        [[[mod, 'K']], t('shortcuts.find')],
        [[['?']], t('shortcuts.help')],
        [[['Esc']], t('shortcuts.close')],
      ],
    },
    {
      title: t('shortcuts.board'),
      rows: [
        [[[mod, 'Z']], t('shortcuts.undo')],
        [[[mod, 'Shift', 'Z'], ...(mod === 'Ctrl' ? [['Ctrl', 'Y']] : [])], t('shortcuts.redo')],
        [[[t('shortcuts.space')], ['Enter']], t('shortcuts.pickUp')],
        [[[t('shortcuts.arrows')]], t('shortcuts.move')],
        [[[t('shortcuts.space')], ['Enter']], t('shortcuts.drop')],
        [[['Esc']], t('shortcuts.cancelMove')],
      ],
    },
    {
      title: t('shortcuts.timeline'),
      rows: [
        [[['+']], t('shortcuts.zoomIn')],
        [[['−']], t('shortcuts.zoomOut')],
        [[['0']], t('shortcuts.zoomAll')],
      ],
    },
  ];
  return (
    <Dialog
      open
      modal
      closedby="any"
      onClose={onClose}
      closeButton={t('shortcuts.closeButton')}
      aria-labelledby={titleId}
      className={css.dialog}
      data-testid="shortcuts-dialog"
    >
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {t('shortcuts.title')}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        {groups.map((g) => (
          <section key={g.title} className={css.group}>
            <Heading level={3} data-size="2xs">
              {g.title}
            </Heading>
            <dl className={css.list}>
              {g.rows.map(([alternatives, what]) => (
                <div key={what} className={css.row}>
                  <dt>
                    {alternatives.map((combo, i) => (
                      <Fragment key={combo.join('+')}>
                        {i > 0 && <span className={css.or}> {t('shortcuts.or')} </span>}
                        {combo.map((k, j) => (
                          <Fragment key={k}>
                            {j > 0 && '+'}
                            <kbd className={css.key}>{k}</kbd>
                          </Fragment>
                        ))}
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </Dialog.Block>
    </Dialog>
  );
}
