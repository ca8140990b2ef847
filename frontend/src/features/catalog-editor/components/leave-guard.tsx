import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { useTranslation } from 'react-i18next';

import { ConfirmDialog } from '@/components/confirm-dialog';

/**
 * Asks before leaving a page with unsaved changes: another page of the app (a dialog) or the
 * browser tab (its own question). `allowNextLeave` lets a save that navigates go without asking.
 */
export function useLeaveGuard(dirty: boolean) {
  const { t } = useTranslation();
  const allowed = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !allowed.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
    };
  }, [dirty]);

  const dialog = (
    <ConfirmDialog
      isOpen={blocker.state === 'blocked'}
      onOpenChange={(open) => {
        if (!open && blocker.state === 'blocked') blocker.reset();
      }}
      title={t('catalogEditor.leave.title')}
      confirmLabel={t('catalogEditor.leave.confirm')}
      destructive
      onConfirm={() => {
        if (blocker.state === 'blocked') blocker.proceed();
      }}
    >
      <p>{t('catalogEditor.leave.body')}</p>
    </ConfirmDialog>
  );

  return {
    dialog,
    allowNextLeave: () => {
      allowed.current = true;
    },
  };
}
