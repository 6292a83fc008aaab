import type { Announcements, UniqueIdentifier } from '@dnd-kit/core';
import type { TFunction } from 'i18next';

export interface AnnounceContext {
  titleOf: (id: UniqueIdentifier) => string;
  /** Column title and 1-based position of `overId` (an item or a column container). */
  placeOf: (
    overId: UniqueIdentifier,
    activeId: UniqueIdentifier,
  ) => { column: string; position: number; total: number } | null;
}

/** Norwegian (or the chosen language's) screen-reader announcements for dnd-kit. */
export function makeAnnouncements(t: TFunction, ctx: AnnounceContext): Announcements {
  return {
    onDragStart({ active }) {
      const place = ctx.placeOf(active.id, active.id);
      return t('dnd.pickedUp', {
        title: ctx.titleOf(active.id),
        column: place?.column ?? '',
        position: place?.position ?? 1,
        total: place?.total ?? 1,
      });
    },
    onDragOver({ active, over }) {
      if (!over) return t('dnd.overNothing', { title: ctx.titleOf(active.id) });
      const place = ctx.placeOf(over.id, active.id);
      if (!place) return undefined;
      return t('dnd.over', { title: ctx.titleOf(active.id), ...place });
    },
    onDragEnd({ active, over }) {
      if (!over) return t('dnd.cancelled', { title: ctx.titleOf(active.id) });
      const place = ctx.placeOf(over.id, active.id);
      if (!place) return t('dnd.cancelled', { title: ctx.titleOf(active.id) });
      return t('dnd.dropped', { title: ctx.titleOf(active.id), ...place });
    },
    onDragCancel({ active }) {
      return t('dnd.cancelled', { title: ctx.titleOf(active.id) });
    },
  };
}
