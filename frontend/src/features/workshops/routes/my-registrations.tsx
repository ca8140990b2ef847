import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Loading } from '@/components/loading';
import { LocalizedText } from '@/components/localized-text';
import { Page } from '@/components/page';
import { Pagination } from '@/components/pagination';
import { ProblemAlert } from '@/components/problem-message';
import { QueryError } from '@/components/query-error';

import { useCancelRegistration, useMyCalendar, useMyRegistrations, useSessionCalendar } from '../api/registrations';
import type { MyRegistration } from '../api/types';
import { RegistrationProblem } from '../components/problem';
import { RegistrationStatusText } from '../components/registration-status';
import { SessionsILead } from '../components/sessions-i-lead';
import { canStillCancel } from '../components/sessions';
import { useFocusOnChange } from '../components/use-focus-on-change';
import { formatSessionRange } from '../components/vilnius-time';
import '../components/workshops.css';

interface RowProps {
  registration: MyRegistration;
  past: boolean;
  onCancel: (registration: MyRegistration) => void;
}

function RegistrationRow({ registration, past, onCancel }: RowProps) {
  const { t, i18n } = useTranslation();
  const calendar = useSessionCalendar();
  const { session, workshop } = registration;
  const rowId = `registration-${registration.id}`;
  return (
    <tr>
      <th scope="row" id={rowId}>
        <Link to={`/workshops/${workshop.item_id}`}>
          <LocalizedText value={workshop.title} />
        </Link>
      </th>
      <td>{formatSessionRange(session.starts_at, session.ends_at, i18n.language)}</td>
      <td>
        {session.status === 'cancelled' ? t('workshops.session.cancelled') : <RegistrationStatusText registration={registration} />}
      </td>
      <td>
        <div className="actions">
          {!past && registration.status === 'confirmed' && session.status === 'scheduled' && (
            <Button
              className="react-aria-Button button--secondary"
              aria-describedby={rowId}
              isPending={calendar.isPending}
              onPress={() => {
                calendar.mutate(session.id);
              }}
            >
              {t('workshops.actions.addToCalendar')}
            </Button>
          )}
          {!past && registration.meeting_url && (
            <a href={registration.meeting_url} aria-describedby={rowId}>
              {t('workshops.meetingLink')}
            </a>
          )}
          {!past && canStillCancel(session, registration) && (
            <Button
              className="react-aria-Button button--secondary"
              aria-describedby={rowId}
              onPress={() => {
                onCancel(registration);
              }}
            >
              {registration.status === 'waitlisted' ? t('workshops.actions.leaveWaitlist') : t('workshops.actions.cancel')}
            </Button>
          )}
          {past && registration.attended === true && (
            <Link to={`/workshops/${workshop.item_id}`} aria-describedby={rowId}>
              {t('workshops.feedback.give')}
            </Link>
          )}
        </div>
        <div role="status">{calendar.isSuccess && <p>{t('workshops.calendarSaved')}</p>}</div>
        {calendar.isError && <ProblemAlert error={calendar.error} title={t('workshops.errors.calendarFailed')} />}
      </td>
    </tr>
  );
}

function RegistrationTable({ caption, rows, past, onCancel }: { caption: string; rows: MyRegistration[]; past: boolean; onCancel: RowProps['onCancel'] }) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('workshops.workshop')}</th>
          <th scope="col">{t('workshops.my.when')}</th>
          <th scope="col">{t('workshops.my.status')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((registration) => (
          <RegistrationRow key={registration.id} registration={registration} past={past} onCancel={onCancel} />
        ))}
      </tbody>
    </table>
  );
}

const UPCOMING_LIMIT = 100;
const PAST_PAGE_SIZE = 10;

function Upcoming({ onCancel }: { onCancel: RowProps['onCancel'] }) {
  const { t } = useTranslation();
  const registrations = useMyRegistrations({ when: 'upcoming', limit: UPCOMING_LIMIT, offset: 0 });
  const allCalendar = useMyCalendar();
  const body = () => {
    if (registrations.isPending) return <Loading label={t('workshops.my.loading')} />;
    if (registrations.isError) {
      return <QueryError title={t('workshops.my.loadFailed')} error={registrations.error} onRetry={() => void registrations.refetch()} />;
    }
    const rows = registrations.data.items;
    if (rows.length === 0) {
      return (
        <div className="empty-state">
          <p>{t('workshops.my.noUpcoming')}</p>
          <p>
            <Link to="/workshops">{t('workshops.my.browse')}</Link>
          </p>
        </div>
      );
    }
    const hasSeats = rows.some((registration) => registration.status === 'confirmed' && registration.session.status === 'scheduled');
    return (
      <>
        {hasSeats && (
          <p>
            <Button
              className="react-aria-Button button--secondary"
              isPending={allCalendar.isPending}
              onPress={() => {
                allCalendar.mutate();
              }}
            >
              {t('workshops.my.downloadAll')}
            </Button>
          </p>
        )}
        <div role="status">{allCalendar.isSuccess && <p className="notice">{t('workshops.calendarSaved')}</p>}</div>
        {allCalendar.isError && <ProblemAlert error={allCalendar.error} title={t('workshops.errors.calendarFailed')} />}
        <RegistrationTable caption={t('workshops.my.upcoming')} rows={rows} past={false} onCancel={onCancel} />
      </>
    );
  };
  return (
    <section aria-labelledby="upcoming-heading">
      <h2 id="upcoming-heading">{t('workshops.my.upcoming')}</h2>
      {body()}
    </section>
  );
}

function Past() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const registrations = useMyRegistrations({ when: 'past', limit: PAST_PAGE_SIZE, offset });
  const body = () => {
    if (registrations.isPending) return <Loading label={t('workshops.my.loading')} />;
    if (registrations.isError) {
      return <QueryError title={t('workshops.my.loadFailed')} error={registrations.error} onRetry={() => void registrations.refetch()} />;
    }
    const { data } = registrations;
    if (data.items.length === 0) return <p>{t('workshops.my.noPast')}</p>;
    return (
      <div aria-busy={registrations.isPlaceholderData}>
        <RegistrationTable caption={t('workshops.my.past')} rows={data.items} past onCancel={() => undefined} />
        <Pagination offset={data.offset} limit={data.limit} total={data.total} onChange={setOffset} />
      </div>
    );
  };
  return (
    <section aria-labelledby="past-heading">
      <h2 id="past-heading">{t('workshops.my.past')}</h2>
      {body()}
    </section>
  );
}

function Registrations() {
  const { t, i18n } = useTranslation();
  const cancel = useCancelRegistration();
  const [cancelling, setCancelling] = useState<MyRegistration | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const { ref: statusRef, start: startAction, succeeded: actionSucceeded } = useFocusOnChange<HTMLDivElement>(String(cancelled));

  return (
    <>
      <div ref={statusRef} tabIndex={-1} role="status">
        {cancelled && <p className="notice">{t('workshops.status.cancelled')}</p>}
      </div>
      <Upcoming
        onCancel={(registration) => {
          cancel.reset();
          setCancelled(false);
          setCancelling(registration);
        }}
      />
      <Past />
      <SessionsILead />
      <ConfirmDialog
        isOpen={cancelling !== null}
        onOpenChange={(open) => {
          if (!open) setCancelling(null);
        }}
        title={cancelling?.status === 'confirmed' ? t('workshops.cancel.title') : t('workshops.cancel.leaveTitle')}
        confirmLabel={cancelling?.status === 'confirmed' ? t('workshops.cancel.confirm') : t('workshops.actions.leaveWaitlist')}
        destructive
        isPending={cancel.isPending}
        onConfirm={() => {
          if (!cancelling) return;
          startAction();
          cancel.mutate(cancelling.session_id, {
            onSuccess: () => {
              setCancelling(null);
              setCancelled(true);
              // The row's button is gone with the row; say what happened where focus lands.
              actionSucceeded();
            },
          });
        }}
      >
        {cancelling && (
          <p>
            <strong>
              <LocalizedText value={cancelling.workshop.title} />
            </strong>
            {', '}
            {formatSessionRange(cancelling.session.starts_at, cancelling.session.ends_at, i18n.language)}
          </p>
        )}
        <p>{cancelling?.status === 'confirmed' ? t('workshops.cancel.seatGoesOn') : t('workshops.cancel.leaveBody')}</p>
        {cancel.isError && <RegistrationProblem error={cancel.error} action="cancel" />}
      </ConfirmDialog>
    </>
  );
}

/** My workshop registrations: upcoming (with calendar files and cancelling) and past. */
export function MyRegistrationsRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('workshops.my.title')}>
      <p className="lead">{t('workshops.my.intro')}</p>
      <Registrations />
    </Page>
  );
}
