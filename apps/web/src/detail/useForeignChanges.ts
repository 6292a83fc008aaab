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
  typistOf: (measureId: string) => string | null = () => null,
): ForeignNotice | null {
  if (!c.before || !c.after) return null;
  // A change that only deletes names no writer: then the one person typing in it, if one is.
  const name =
    c.authors.map(nameOf).find((n): n is string => !!n) ??
    (c.authors.length === 0 ? typistOf(c.id) : null);
  if (c.before.columnId !== c.after.columnId)
    return { kind: 'moved', name, columnId: c.after.columnId, at: Date.now() };
  if (!c.before.archived && c.after.archived) return { kind: 'archived', name, at: Date.now() };
  return { kind: 'changed', name, at: Date.now() };
}

/**
 * The latest change by someone else to the open measure ("Kari flyttet dette tiltaket til
 * Pågår"). Authors come from the Yjs client ids that wrote the transaction, mapped to people
 * through awareness; a change that only deletes text writes nothing that names its author, so
 * then it is the one person shown as typing in the measure, if exactly one is. Unknown authors
 * (gone offline, or several typing) show as "Noen".
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
      const n = describeChange(
        c,
        (id) => session.presence.nameOf(id),
        (id) => session.presence.typistOf(id),
      );
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
