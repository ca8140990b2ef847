import { useTranslation } from 'react-i18next';

import { useLeaveGuard as useSharedLeaveGuard } from '@/components/leave-guard';

/** Asks before leaving an item with unsaved changes (see the shared guard). */
export function useLeaveGuard(dirty: boolean) {
  const { t } = useTranslation();
  return useSharedLeaveGuard(dirty, { title: t('itemEditor.leave.title'), body: t('itemEditor.leave.body'), confirm: t('itemEditor.leave.confirm') });
}
