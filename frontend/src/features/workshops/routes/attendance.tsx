import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';

import { CheckBox } from '@/components/choice';
import { Loading } from '@/components/loading';
import { LocalizedText } from '@/components/localized-text';
import { Page } from '@/components/page';
import { ProblemText } from '@/components/problem-message';
import { QueryError } from '@/components/query-error';

import { useDecide } from '../api/approvals';
import { useAttendees, useRecordAttendance } from '../api/attendance';
import type { Attendee, AttendeeList, SessionOut } from '../api/types';
import { RegistrationStatusText } from '../components/registration-status';
import { formatSessionRange } from '../components/vilnius-time';
import '../components/workshops.css';

/** The service takes attendance from an hour before the start (people are welcomed at the door). */
const OPENS_BEFORE_MS = 60 * 60 * 1000;

function attendanceOpen(session: SessionOut, now = Date.now()): boolean {
  return session.status === 'scheduled' && now >= new Date(session.starts_at).getTime() - OPENS_BEFORE_MS;
}

/**
 * How a registrant is named to the mentor: by the name identity announced to the catalog, or,
 * while the catalog knows none (or the person was erased), by registration order and a short id.
 */
function usePersonLabel(): (person: Attendee, number: number) => string {
  const { t } = useTranslation();
  return (person, number) =>
    person.display_name ?? t('workshops.attendance.personNumber', { number, id: person.person_id.slice(0, 8) });
}

interface RowProps {
  sessionId: string;
  person: Attendee;
  label: string;
  open: boolean;
  onSaved: (message: string) => void;
}

/** Approve or decline a registration that waits for approval. */
function Decision({ sessionId, person, label, rowId }: { sessionId: string; person: Attendee; label: string; rowId: string }) {
  const { t } = useTranslation();
  const decide = useDecide();
  const choose = (decision: 'approve' | 'decline') => {
    decide.mutate({ sessionId, registrationId: person.registration_id, decision });
  };
  return (
    <>
      <div className="actions">
        <Button aria-describedby={rowId} isPending={decide.isPending && decide.variables.decision === 'approve'} onPress={() => { choose('approve'); }}>
          {t('workshops.attendance.approve')}
        </Button>
        <Button
          className="react-aria-Button button--secondary"
          aria-describedby={rowId}
          isPending={decide.isPending && decide.variables.decision === 'decline'}
          onPress={() => { choose('decline'); }}
        >
          {t('workshops.attendance.decline')}
        </Button>
      </div>
      {decide.isError && (
        <span role="alert" className="field__error">
          {t('workshops.attendance.decisionFailed', { name: label })} <ProblemText error={decide.error} />
        </span>
      )}
    </>
  );
}

function AttendeeRow({ sessionId, person, label, open, onSaved }: RowProps) {
  const { t } = useTranslation();
  const record = useRecordAttendance(sessionId);
  const rowId = `attendee-${person.registration_id}`;
  const checked = record.isPending ? record.variables.attended : person.attended === true;
  const markable = person.status === 'confirmed';
  return (
    <tr>
      <th scope="row" id={rowId}>
        {label}
      </th>
      <td>
        <RegistrationStatusText registration={{ ...person, attended: null }} />
      </td>
      <td>
        {markable ? (
          <CheckBox
            isSelected={checked}
            isDisabled={!open}
            onChange={(attended) => {
              record.mutate(
                { person_id: person.person_id, attended },
                {
                  onSuccess: () => {
                    onSaved(
                      attended
                        ? t('workshops.attendance.savedAttended', { name: label })
                        : t('workshops.attendance.savedAbsent', { name: label }),
                    );
                  },
                },
              );
            }}
          >
            <span className="visually-hidden">{label}:</span> {t('workshops.attendance.attended')}
          </CheckBox>
        ) : person.status === 'pending_approval' ? (
          <Decision sessionId={sessionId} person={person} label={label} rowId={rowId} />
        ) : (
          <span className="muted">{t('workshops.attendance.notConfirmed')}</span>
        )}
      </td>
      <td>
        {record.isPending && <span>{t('workshops.attendance.saving')}</span>}
        {record.isSuccess && <span>{t('workshops.attendance.saved')}</span>}
        {record.isError && (
          <span role="alert" className="field__error">
            {t('workshops.attendance.notSaved', { name: label })} <ProblemText error={record.error} />
          </span>
        )}
      </td>
    </tr>
  );
}

function AttendeeTable({ sessionId, list }: { sessionId: string; list: AttendeeList }) {
  const { t } = useTranslation();
  const personLabel = usePersonLabel();
  const [announcement, setAnnouncement] = useState('');
  const people = list.items.filter((person) => person.status !== 'cancelled');
  // Numbered in the order people registered, which stays the same whatever their status becomes.
  const order = [...people].sort((a, b) => a.registered_at.localeCompare(b.registered_at)).map((person) => person.registration_id);
  const confirmed = people.filter((person) => person.status === 'confirmed').length;
  const attended = people.filter((person) => person.attended === true).length;
  const open = attendanceOpen(list.session);
  if (people.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('workshops.attendance.empty')}</p>
      </div>
    );
  }
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('workshops.attendance.registered')}</dt>
          <dd>{confirmed}</dd>
        </div>
        <div>
          <dt>{t('workshops.attendance.waiting')}</dt>
          <dd>{people.length - confirmed}</dd>
        </div>
        <div>
          <dt>{t('workshops.attendance.marked')}</dt>
          <dd>{attended}</dd>
        </div>
      </dl>
      {!open && list.session.status === 'scheduled' && <p className="notice">{t('workshops.attendance.notYet')}</p>}
      {list.session.status === 'cancelled' && <p className="notice">{t('workshops.session.cancelled')}</p>}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      <table className="table">
        <caption>{t('workshops.attendance.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workshops.attendance.person')}</th>
            <th scope="col">{t('workshops.my.status')}</th>
            <th scope="col">{t('workshops.attendance.attended')}</th>
            <th scope="col">{t('workshops.attendance.saveState')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <AttendeeRow
              key={person.registration_id}
              sessionId={sessionId}
              person={person}
              label={personLabel(person, order.indexOf(person.registration_id) + 1)}
              open={open}
              onSaved={setAnnouncement}
            />
          ))}
        </tbody>
      </table>
    </>
  );
}

/** For a session's mentors and organisers: who registered, and a box per person to record who attended. */
export function AttendanceRoute() {
  const { t, i18n } = useTranslation();
  const { sessionId = '' } = useParams();
  const attendees = useAttendees(sessionId);

  const body = () => {
    if (attendees.isPending) return <Loading label={t('workshops.attendance.loading')} />;
    if (attendees.isError) {
      return <QueryError title={t('workshops.attendance.loadFailed')} error={attendees.error} onRetry={() => void attendees.refetch()} />;
    }
    const { session, workshop } = attendees.data;
    return (
      <>
        <p className="lead">
          <Link to={`/workshops/${workshop.item_id}`}>
            <LocalizedText value={workshop.title} />
          </Link>
          {': '}
          {formatSessionRange(session.starts_at, session.ends_at, i18n.language)} <span className="muted">{t('workshops.vilniusTime')}</span>
        </p>
        <p>{t('workshops.attendance.intro')}</p>
        <AttendeeTable sessionId={sessionId} list={attendees.data} />
      </>
    );
  };

  return <Page title={t('workshops.attendance.title')}>{body()}</Page>;
}
