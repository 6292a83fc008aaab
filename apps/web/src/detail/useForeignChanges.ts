import { useEffect, useState } from 'react';
import type { MeasureChange } from '../sync/docStore';
import type { AgreementSession } from '../sync/session';

export interface ForeignNotice {
  kind: 'moved' | 'archived' | 'changed';
  name: string | null;
  columnId?: string;
  at: number;
}

/** Describes what another person's transaction did to a measure, or null if nothing shown. */
export function describeChange(
  c: MeasureChange,
  nameOf: (client: number) => string | null,
): ForeignNotice | null {
  if (!c.before || !c.after) return null;
  const name = c.authors.map(nameOf).find((n): n is string => !!n) ?? null;
  if (c.before.columnId !== c.after.columnId)
    return { kind: 'moved', name, columnId: c.after.columnId, at: Date.now() };
  if (!c.before.archived && c.after.archived) return { kind: 'archived', name, at: Date.now() };
  return { kind: 'changed', name, at: Date.now() };
}

/**
 * The latest change by someone else to the open measure ("Kari flyttet dette tiltaket til
 * Pågår"). Authors come from the Yjs client ids that wrote the transaction, mapped to people
 * through awareness; unknown authors (gone offline) show as "Noen".
 */
export function useForeignChanges(
  session: AgreementSession,
  measureId: string,
): [ForeignNotice | null, () => void] {
  const [notice, setNotice] = useState<ForeignNotice | null>(null);
  useEffect(() => {
    setNotice(null);
    return session.store.onForeignChange((changes) => {
      const c = changes.find((x) => x.id === measureId);
      if (!c) return;
      const n = describeChange(c, (id) => session.presence.nameOf(id));
      if (!n) return;
      setNotice((prev) => {
        if (!prev) return n;
        // A move or archive outranks a later small edit notice by the same burst.
        if (prev.kind !== 'changed' && n.kind === 'changed' && n.at - prev.at < 3000) return prev;
        // Someone typing sends a change per keystroke: the notice reads the same, so keep it
        // (and do not re-render) rather than renew it.
        if (prev.kind === 'changed' && n.kind === 'changed' && prev.name === n.name) return prev;
        return n;
      });
    });
  }, [session, measureId]);
  return [notice, () => setNotice(null)];
}
