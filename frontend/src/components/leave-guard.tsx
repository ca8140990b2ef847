import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';

import { ConfirmDialog } from '@/components/confirm-dialog';

/** What the dialog asks, in the words of the page that guards its changes. */
export interface LeaveGuardTexts {
  title: string;
  body: string;
  confirm: string;
}

/**
 * Asks before leaving a page with unsaved changes: another page of the app (a dialog) or the
 * browser tab (its own question). `allowNextLeave` lets a save that navigates go without asking.
 */
export function useLeaveGuard(dirty: boolean, texts: LeaveGuardTexts) {
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
      title={texts.title}
      confirmLabel={texts.confirm}
      destructive
      onConfirm={() => {
        if (blocker.state === 'blocked') blocker.proceed();
      }}
    >
      <p>{texts.body}</p>
    </ConfirmDialog>
  );

  return {
    dialog,
    allowNextLeave: () => {
      allowed.current = true;
    },
  };
}
