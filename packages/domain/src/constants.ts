import type { ColumnKind, Party } from './types.js';

/** Version of the document format this package reads and writes (docs/document-format.md). */
export const SCHEMA_VERSION = 3;

/** Norwegian bokmål names of the parties, for UIs without their own translation of them. */
export const PARTY_LABELS: Readonly<Record<Party, string>> = Object.freeze({
  county: 'Troms fylkeskommune',
  ipr: 'Tromsøregionens IPR',
  joint: 'Felles',
});

export interface DefaultColumn {
  id: string;
  title: string;
  kind: ColumnKind;
}

/**
 * The workflow columns every new agreement starts with ([F7]). Ids are fixed so that two
 * replicas initialising the same agreement write the same entries.
 */
export const DEFAULT_COLUMNS: readonly DefaultColumn[] = Object.freeze([
  { id: 'col-idea', title: 'Idé', kind: 'todo' },
  { id: 'col-planned', title: 'Planlagt', kind: 'todo' },
  { id: 'col-doing', title: 'Pågår', kind: 'doing' },
  { id: 'col-done', title: 'Ferdig', kind: 'done' },
] as const);
