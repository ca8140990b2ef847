import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { ProblemAlert } from '@/components/problem-message';
import { useSession } from '@/lib/auth-context';

import { useCancelRegistration, useRegister, useSessionCalendar } from '../api/registrations';
import type { SessionOut, WorkshopDetail } from '../api/types';
import { FeedbackForm } from './feedback-form';
import { RegistrationProblem } from './problem';
import { isActive, RegistrationStatusText } from './registration-status';
import { Seats } from './seats';
import { useFocusOnChange } from './use-focus-on-change';
import { canStillCancel, hasEnded } from './sessions';
import { formatMoment, formatSessionRange } from './vilnius-time';

type Notice = 'cancelled' | null;

/** One session of a workshop: when, seats, my registration, and what I can do about it. */
export function SessionPanel({ workshop, session }: { workshop: WorkshopDetail; session: SessionOut }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { status: authStatus, auth } = useSession();
  const { pathname } = useLocation();
  const register = useRegister();
  const cancel = useCancelRegistration();
  const calendar = useSessionCalendar();
  // What is being given up, kept from when the dialog opened: the registration changes under it once cancelled.
  const [confirming, setConfirming] = useState<'seat' | 'waitlist' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const headingId = `session-${session.id}`;
  const registration = session.my_registration ?? null;
  const mine = isActive(registration) ? registration : null;
  const { ref: statusRef, start: startAction, succeeded: actionSucceeded } = useFocusOnChange<HTMLDivElement>(`${mine?.status ?? 'none'}:${String(mine?.waitlist_position)}:${String(notice)}`);
  const ended = hasEnded(session);
  const open = session.status === 'scheduled' && !ended;

  const actions = () => {
    if (!open) return null;
    if (authStatus !== 'signed-in') {
      return (
        <Button aria-describedby={headingId} onPress={() => void auth.signIn(pathname)}>
          {t('workshops.actions.signInToRegister')}
        </Button>
      );
    }
    if (!mine) {
      return (
        <Button
          aria-describedby={headingId}
          isPending={register.isPending}
          onPress={() => {
            setNotice(null);
            startAction();
            register.mutate(session.id, { onSuccess: actionSucceeded });
          }}
        >
          {session.seats_left > 0 ? t('workshops.actions.register') : t('workshops.actions.joinWaitlist')}
        </Button>
      );
    }
    return (
      <>
        {mine.status === 'confirmed' && (
          <Button
            className="react-aria-Button button--secondary"
            aria-describedby={headingId}
            isPending={calendar.isPending}
            onPress={() => {
              calendar.mutate(session.id);
            }}
          >
            {t('workshops.actions.addToCalendar')}
          </Button>
        )}
        {canStillCancel(session, mine) ? (
          <Button
            className="react-aria-Button button--secondary"
            aria-describedby={headingId}
            onPress={() => {
              cancel.reset();
              setConfirming(mine.status === 'waitlisted' ? 'waitlist' : 'seat');
            }}
          >
            {mine.status === 'waitlisted' ? t('workshops.actions.leaveWaitlist') : t('workshops.actions.cancel')}
          </Button>
        ) : (
          <p className="muted">{t('workshops.cancel.closed')}</p>
        )}
      </>
    );
  };

  return (
    <li className="panel session" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {formatSessionRange(session.starts_at, session.ends_at, language)} <span className="muted">{t('workshops.vilniusTime')}</span>
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('workshops.seats.label')}</dt>
          <dd>
            <Seats session={session} />
          </dd>
        </div>
        {session.location && session.location !== workshop.location && (
          <div>
            <dt>{t('workshops.location')}</dt>
            <dd>{session.location}</dd>
          </div>
        )}
        {open && mine?.status === 'confirmed' && (
          <div>
            <dt>{t('workshops.cancel.deadline')}</dt>
            <dd>{formatMoment(session.cancellation_deadline, language)}</dd>
          </div>
        )}
      </dl>
      <div ref={statusRef} tabIndex={-1} role="status" className="session__status">
        {mine && (
          <p className="notice">
            <RegistrationStatusText registration={mine} />
          </p>
        )}
        {!mine && notice === 'cancelled' && <p className="notice">{t('workshops.status.cancelled')}</p>}
        {calendar.isSuccess && <p>{t('workshops.calendarSaved')}</p>}
      </div>
      {mine?.status === 'confirmed' && workshop.meeting_url && open && (
        <p>
          <a href={workshop.meeting_url}>{t('workshops.meetingLink')}</a>
        </p>
      )}
      <div className="session__actions">{actions()}</div>
      {register.isError && <RegistrationProblem error={register.error} action="register" />}
      {calendar.isError && <ProblemAlert error={calendar.error} title={t('workshops.errors.calendarFailed')} />}
      {mine?.attended === true && (
        <section aria-labelledby={`${headingId}-feedback`}>
          <h4 id={`${headingId}-feedback`}>{t('workshops.feedback.title')}</h4>
          <FeedbackForm sessionId={session.id} feedback={mine.feedback ?? null} describedBy={headingId} />
        </section>
      )}
      {session.can_record_attendance && (
        <p>
          <Link to={`/workshops/sessions/${session.id}/attendance`} aria-describedby={headingId}>
            {t('workshops.attendance.link')}
          </Link>
        </p>
      )}
      <ConfirmDialog
        isOpen={confirming !== null}
        onOpenChange={(isOpen) => {
          if (!isOpen) setConfirming(null);
        }}
        title={confirming === 'waitlist' ? t('workshops.cancel.leaveTitle') : t('workshops.cancel.title')}
        confirmLabel={confirming === 'waitlist' ? t('workshops.actions.leaveWaitlist') : t('workshops.cancel.confirm')}
        destructive
        isPending={cancel.isPending}
        onConfirm={() => {
          startAction();
          cancel.mutate(session.id, {
            onSuccess: () => {
              setConfirming(null);
              setNotice('cancelled');
              // The button that opened the dialog is gone: focus what happened instead.
              actionSucceeded();
            },
          });
        }}
      >
        <p>{formatSessionRange(session.starts_at, session.ends_at, language)}</p>
        <p>{confirming === 'waitlist' ? t('workshops.cancel.leaveBody') : t('workshops.cancel.seatGoesOn')}</p>
        {cancel.isError && <RegistrationProblem error={cancel.error} action="cancel" />}
      </ConfirmDialog>
    </li>
  );
}
