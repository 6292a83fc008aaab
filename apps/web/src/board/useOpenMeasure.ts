import { useCallback } from 'react';
import { useSearchParams } from 'wouter';

/** The open measure lives in the URL (?m=<id>) so a link opens the same card. */
export function useOpenMeasure(): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const open = params.get('m');
  const setOpen = useCallback(
    (id: string | null) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (id) p.set('m', id);
          else p.delete('m');
          return p;
        },
        { replace: id === null },
      );
    },
    [setParams],
  );
  return [open, setOpen];
}
