import { Button, Dialog, Heading } from '@digdir/designsystemet-react';
import { type ReactNode, useId } from 'react';
import css from './forms.module.css';

/** A modal question before a serious action: the danger button confirms, the other cancels. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  loading,
  'data-testid': testId,
}: {
  title: string;
  /** The explanation (and any error) between the title and the buttons. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  loading?: boolean;
  'data-testid'?: string;
}) {
  const titleId = useId();
  return (
    <Dialog
      open
      modal
      onClose={onCancel}
      closeButton={false}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {title}
        </Heading>
        {children}
        <div className={css.dialogActions}>
          <Button data-color="danger" loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {cancelLabel}
          </Button>
        </div>
      </Dialog.Block>
    </Dialog>
  );
}
