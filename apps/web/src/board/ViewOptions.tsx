import { Popover, Switch } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFilters } from '../filters/filterStore';
import { useCardDisplay } from './cardDisplay';
import css from './ViewOptions.module.css';

/**
 * "Visning": how the board shows its measures. Archived measures (a filter, in the address like
 * the others) and compact cards (this person's preference, kept in this browser). A dot on the
 * button (and its name: "Visning: kompakte kort") says when either is on, so a board that looks
 * different says why.
 */
export function ViewOptions() {
  const { t } = useTranslation();
  const showArchived = useFilters((s) => s.filters.showArchived);
  const setFilters = useFilters((s) => s.set);
  const compact = useCardDisplay((s) => s.compact);
  const setCompact = useCardDisplay((s) => s.setCompact);
  const titleId = useId();
  const helpId = useId();
  const on = [showArchived && t('board.viewArchivedOn'), compact && t('board.viewCompactOn')]
    .filter(Boolean)
    .join(', ');
  return (
    <Popover.TriggerContext>
      <Popover.Trigger
        variant="secondary"
        data-size="sm"
        data-testid="view-options"
        data-on={on || undefined}
      >
        <ViewIcon />
        {t('board.view')}
        {on && (
          <>
            <span className={css.dot} aria-hidden="true" />
            <span className="visually-hidden">: {on}</span>
          </>
        )}
      </Popover.Trigger>
      <Popover
        placement="bottom-end"
        className={css.popover}
        data-testid="view-options-panel"
        aria-labelledby={titleId}
      >
        <p className={css.title} id={titleId}>
          {t('board.viewTitle')}
        </p>
        <div className={css.options}>
          <Switch
            data-size="sm"
            label={t('board.showArchived')}
            checked={showArchived}
            onChange={(e) => setFilters({ showArchived: e.target.checked })}
          />
          <div>
            <Switch
              data-size="sm"
              label={t('board.compactCards')}
              checked={compact}
              aria-describedby={helpId}
              onChange={(e) => setCompact(e.target.checked)}
            />
            <p className={css.help} id={helpId}>
              {t('board.compactCardsHelp')}
            </p>
          </div>
        </div>
      </Popover>
    </Popover.TriggerContext>
  );
}

/** Three sliders, their knobs at different places. */
function ViewIcon() {
  return (
    <svg width="1em" height="1em" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M3 6h18M3 12h18M3 18h18"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        fill="none"
      />
      {[
        [8, 6],
        [16, 12],
        [10, 18],
      ].map(([cx, cy]) => (
        <circle
          key={cy}
          cx={cx}
          cy={cy}
          r="2.2"
          fill="var(--ds-color-neutral-background-default, #fff)"
          stroke="currentColor"
          strokeWidth="2"
        />
      ))}
    </svg>
  );
}
