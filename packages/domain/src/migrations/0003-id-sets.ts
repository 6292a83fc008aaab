import { entities } from '../doc.js';
import { foldIdSet, MEASURE_ID_SETS } from '../idSets.js';
import type { Migration } from './types.js';

/**
 * v2 -> v3: a measure's owners and outcome links become id sets ([F11]): nested `Y.Map`s
 * id -> `true` under `ownerSet` and `outcomeSet`, instead of plain arrays under `owners` and
 * `outcomeIds` written whole (last writer wins: of two people ticking an owner at the same time,
 * one tick was lost). Every measure gets both sets, also empty ones, with the ids its arrays held
 * (deduplicated; a value that is not an array reads as no ids, as in v2), and the plain keys are
 * deleted. The sets live under new keys so that a v2 client's offline write of a plain key,
 * concurrent with this step, is not overwritten by it: the write outlives the delete and is read
 * ([F11]). A measure that already has its sets (and no plain key) is not touched: idempotent.
 */
export const migration0003: Migration = {
  version: 3,
  name: '0003-id-sets',
  up(doc) {
    for (const m of entities(doc, 'measures')) {
      for (const keys of Object.values(MEASURE_ID_SETS)) foldIdSet(m, keys);
    }
  },
};
