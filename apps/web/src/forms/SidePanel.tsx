import { Dialog, type DialogProps } from '@digdir/designsystemet-react';

/**
 * A panel that slides in from the right over the page (a measure, a focus area's milestones, a
 * milestone on the timeline): modal, so focus stays in it, and closed by its close button,
 * Escape or a click beside it. `Dialog.Block`s go inside, as in any Designsystemet dialog.
 */
export function SidePanel(props: Omit<DialogProps, 'open' | 'modal' | 'placement' | 'closedby'>) {
  return <Dialog open modal placement="right" closedby="any" {...props} />;
}
