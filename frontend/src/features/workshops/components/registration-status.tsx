import { useTranslation } from 'react-i18next';

import type { Registration } from '../api/types';

/** Where I stand for a session, in words: registered, on the waiting list (at which place), awaiting approval. */
export function RegistrationStatusText({ registration }: { registration: Pick<Registration, 'status' | 'waitlist_position' | 'attended'> }) {
  const { t } = useTranslation();
  if (registration.attended === true) return <>{t('workshops.status.attended')}</>;
  switch (registration.status) {
    case 'confirmed':
      return <>{t('workshops.status.confirmed')}</>;
    case 'waitlisted':
      return registration.waitlist_position == null ? (
        <>{t('workshops.status.waitlistedNoPosition')}</>
      ) : (
        <>{t('workshops.status.waitlisted', { position: registration.waitlist_position })}</>
      );
    case 'pending_approval':
      return <>{t('workshops.status.pendingApproval')}</>;
    case 'cancelled':
      return <>{t('workshops.status.cancelled')}</>;
  }
}

/** Whether a registration holds a seat or a place in line (anything but cancelled). */
export function isActive(registration: Registration | null): registration is Registration {
  return registration !== null && registration.status !== 'cancelled';
}
