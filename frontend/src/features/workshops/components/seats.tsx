import { useTranslation } from 'react-i18next';

import type { SessionOut } from '../api/types';

/** Free seats of a session, or that it is full and has a waiting list, or cancelled. */
export function Seats({ session }: { session: SessionOut }) {
  const { t } = useTranslation();
  if (session.status === 'cancelled') return <>{t('workshops.session.cancelled')}</>;
  if (session.seats_left > 0) return <>{t('workshops.seats.left', { left: session.seats_left, capacity: session.capacity })}</>;
  return (
    <>
      {t('workshops.seats.full')}
      {session.waitlist_length > 0 && ` ${t('workshops.seats.waiting', { people: session.waitlist_length })}`}
    </>
  );
}
