import { useEffect, useRef } from 'react';

/**
 * When a form that replaced its button closes, focus goes back to that button, so keyboard
 * and screen reader users stay where they were. Returns the ref to put on the button.
 */
export function useReturnFocus(open: boolean) {
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return button;
}
