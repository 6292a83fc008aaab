import { Textfield } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { bindText } from './ytextBinding';

/** A Designsystemet text field whose content is a Y.Text, edited character by character. */
export function YTextField({
  ytext,
  origin,
  label,
  multiline,
  maxLength,
  testId,
  onLocalEdit,
  readOnly,
}: {
  ytext: Y.Text;
  origin: object;
  label: string;
  multiline?: boolean;
  maxLength?: number;
  testId?: string;
  /** Runs inside each local edit's transaction (e.g. `stampTyping` of the measure). */
  onLocalEdit?: () => void;
  /**
   * Shows the text (others' edits still arrive) but takes no typing, and no undo in the field.
   * The binding refuses local edits by itself too while the document is of a newer format.
   */
  readOnly?: boolean;
}) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // The latest callback, without rebinding the field (and losing its undo history) per render.
  const onEdit = useRef(onLocalEdit);
  onEdit.current = onLocalEdit;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    return bindText(el, ytext, origin, { maxLength, onLocalEdit: () => onEdit.current?.() });
  }, [ytext, origin, maxLength]);
  return multiline ? (
    <Textfield
      ref={ref}
      label={label}
      multiline
      rows={6}
      maxLength={maxLength}
      readOnly={readOnly}
      data-testid={testId}
    />
  ) : (
    <Textfield
      ref={ref}
      label={label}
      maxLength={maxLength}
      readOnly={readOnly}
      data-testid={testId}
    />
  );
}
