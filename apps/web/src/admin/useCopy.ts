import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Copies text to the clipboard; `state` says how it went so the UI can announce it. Falls back
 * to selecting the text in `fallback` when the clipboard API is missing or refused.
 */
export function useCopy() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const copy = useCallback(async (text: string, fallback?: HTMLInputElement | null) => {
    window.clearTimeout(timer.current);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      fallback?.focus();
      fallback?.select();
      setState('failed');
    }
    timer.current = window.setTimeout(() => setState('idle'), 6000);
  }, []);
  return { state, copy, reset: () => setState('idle') };
}
