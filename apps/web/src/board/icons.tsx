import type { Health } from '@tavla/domain';
import css from './icons.module.css';

/**
 * Small inline SVG icons. Each health has its own shape (circle, triangle, octagon) so the
 * state never depends on colour alone; the text beside it says it in words.
 */
export function HealthIcon({ health }: { health: Health }) {
  return (
    <svg
      className={css.icon}
      data-health={health}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      {health === 'green' && (
        <>
          <circle cx="8" cy="8" r="7" />
          <path d="M4.5 8.2l2.3 2.3 4.7-4.9" className={css.mark} />
        </>
      )}
      {health === 'yellow' && (
        <>
          <path d="M8 1.2l7 13H1z" />
          <path d="M8 6v4M8 11.8v.4" className={css.mark} />
        </>
      )}
      {health === 'red' && (
        <>
          <path d="M5 1h6l4 4v6l-4 4H5l-4-4V5z" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" className={css.mark} />
        </>
      )}
    </svg>
  );
}

export function LateIcon() {
  return (
    <svg className={css.icon} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.5" className={css.outline} />
      <path d="M8 4v4.5l3 1.8" className={css.outlineMark} />
    </svg>
  );
}

export function CalendarIcon() {
  return (
    <svg className={css.icon} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" className={css.outline} />
      <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" className={css.outlineMark} />
    </svg>
  );
}

export function MilestoneIcon() {
  return (
    <svg className={css.icon} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.5l6.5 6.5L8 14.5 1.5 8z" className={css.outline} />
    </svg>
  );
}
