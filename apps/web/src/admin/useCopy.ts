import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Copies text to the clipboard; `state` says how it went so the UI can announce it. Without the
 * clipboard API it selects the text in `fallback` and tries `execCommand('copy')`; if that fails
 * too, the text stays selected for Ctrl+C.
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
      // No async clipboard (plain http on an intranet, or refused): select the text and try
      // the older copy command, which works from a click in any context.
      fallback?.focus();
      fallback?.select();
      let copied = false;
      try {
        copied = fallback ? document.execCommand('copy') : false;
      } catch {
        copied = false;
      }
      setState(copied ? 'copied' : 'failed');
    }
    timer.current = window.setTimeout(() => setState('idle'), 6000);
  }, []);
  return { state, copy, reset: () => setState('idle') };
}
