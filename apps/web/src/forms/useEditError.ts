import { useCallback, useState } from 'react';

/**
 * For a panel that edits the document: `run` makes one edit (a domain call, which throws on what
 * it refuses), and `error` is the message of the last edit that failed, until one succeeds.
 *
 * @example const { error, run } = useEditError(); run(() => archiveMeasure(doc, id, origin));
 */
export function useEditError(): { error: string | null; run: (edit: () => void) => void } {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((edit: () => void) => {
    try {
      edit();
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  return { error, run };
}
