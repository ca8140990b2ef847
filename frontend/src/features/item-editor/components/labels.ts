import type { TFunction } from 'i18next';

import type { VersionStatus } from '../api/items';

export function statusLabel(status: VersionStatus, t: TFunction): string {
  return t(`itemEditor.status.${status}`);
}

/** Who wrote or decided something: the person themselves, someone else (by a short id), or nobody recorded. */
export function personLabel(id: string | null, me: string | undefined, t: TFunction): string {
  if (!id) return t('itemEditor.history.nobody');
  if (id === me) return t('itemEditor.history.you');
  return t('itemEditor.history.someone', { id: id.slice(0, 8) });
}
