import { root } from '../doc.js';
import type { Migration } from './types.js';

/**
 * v1 -> v2: joint meetings (møter) become data, in the top-level `meetings` Y.Map ([MT1]).
 * A top-level shared type exists by name on every replica, so there is nothing to create
 * that could be duplicated: the step makes sure the map is there and, by running, stamps
 * `meta.schemaVersion = 2`, which stops v1 code from writing into the document ([F1]).
 * Nothing else changes: every v1 value is a valid v2 value.
 */
export const migration0002: Migration = {
  version: 2,
  name: '0002-meetings',
  up(doc) {
    root(doc, 'meetings');
  },
};
