import type { MilestoneState } from '@tavla/domain';
import { useTranslation } from 'react-i18next';
import css from './MilestoneState.module.css';

/**
 * The shape of a milestone's state: done = circle with a tick, on track = diamond, at risk =
 * triangle with "!", late = square with a clock hand. Never colour alone; text goes beside it.
 */
export function MilestoneStateIcon({
  state,
  className,
}: {
  state: MilestoneState;
  className?: string;
}) {
  return (
    <svg
      className={className ? `${css.icon} ${className}` : css.icon}
      data-state={state}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      {state === 'done' && (
        <>
          <circle data-part="shape" cx="8" cy="8" r="7.2" />
          <path d="M4.5 8.2l2.3 2.3 4.7-4.9" className={css.mark} />
        </>
      )}
      {state === 'on_track' && (
        <>
          <path data-part="shape" d="M8 .6L15.4 8 8 15.4.6 8z" />
          <path d="M5.5 8h5" className={css.mark} />
        </>
      )}
      {state === 'at_risk' && (
        <>
          <path data-part="shape" d="M8 .8l7.4 14H.6z" />
          <path d="M8 6v4.2M8 12.3v.3" className={css.mark} />
        </>
      )}
      {state === 'late' && (
        <>
          <rect data-part="shape" x="1" y="1" width="14" height="14" rx="1.5" />
          <path d="M8 4.2V8.4l2.8 1.8" className={css.mark} />
        </>
      )}
    </svg>
  );
}

/** Icon + state in words, e.g. "◆ I rute". */
export function MilestoneStateBadge({ state }: { state: MilestoneState }) {
  const { t } = useTranslation();
  return (
    <span className={css.badge} data-state={state} data-testid="milestone-state">
      <MilestoneStateIcon state={state} />
      {t(`milestones.state.${state}`)}
    </span>
  );
}
