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
}: {
  ytext: Y.Text;
  origin: object;
  label: string;
  multiline?: boolean;
  maxLength?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    return bindText(el, ytext, origin, { maxLength });
  }, [ytext, origin, maxLength]);
  return multiline ? (
    <Textfield
      ref={ref}
      label={label}
      multiline
      rows={6}
      maxLength={maxLength}
      data-testid={testId}
    />
  ) : (
    <Textfield ref={ref} label={label} maxLength={maxLength} data-testid={testId} />
  );
}
