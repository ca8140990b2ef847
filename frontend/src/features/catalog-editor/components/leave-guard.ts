import { useTranslation } from 'react-i18next';

import { useLeaveGuard as useSharedLeaveGuard } from '@/components/leave-guard';

/** Asks before leaving an item with unsaved changes (see the shared guard). */
export function useLeaveGuard(dirty: boolean) {
  const { t } = useTranslation();
  return useSharedLeaveGuard(dirty, { title: t('catalogEditor.leave.title'), body: t('catalogEditor.leave.body'), confirm: t('catalogEditor.leave.confirm') });
}
