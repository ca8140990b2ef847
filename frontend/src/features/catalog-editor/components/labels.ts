import type { TFunction } from 'i18next';

import type { ItemStatus } from '../api/items';

export function statusLabel(status: ItemStatus, t: TFunction): string {
  return t(`catalogEditor.status.${status}`);
}

/** Who made a version: the person themselves, someone else (by a short id), or nobody recorded. */
export function personLabel(id: string | null, me: string | undefined, t: TFunction): string {
  if (!id) return t('catalogEditor.history.nobody');
  if (id === me) return t('catalogEditor.history.you');
  return t('catalogEditor.history.someone', { id: id.slice(0, 8) });
}
