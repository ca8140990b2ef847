import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

import { LocalizedText } from '@/components/localized-text';
import { QueryError } from '@/components/query-error';

import { useSessionsIRun } from '../api/workshops';
import { Seats } from './seats';
import { formatSessionRange } from './vilnius-time';

/** For mentors and organisers: the sessions they run, each with its attendee list. Nothing for everyone else. */
export function SessionsILead() {
  const { t, i18n } = useTranslation();
  const sessions = useSessionsIRun();
  if (sessions.isPending) return null;
  if (sessions.isError) {
    return <QueryError title={t('workshops.my.loadFailed')} error={sessions.error} onRetry={() => void sessions.refetch()} />;
  }
  if (sessions.data.items.length === 0) return null;
  return (
    <section aria-labelledby="leading-heading">
      <h2 id="leading-heading">{t('workshops.my.leading')}</h2>
      <p>{t('workshops.my.leadingIntro')}</p>
      <table className="table">
        <caption className="visually-hidden">{t('workshops.my.leading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workshops.workshop')}</th>
            <th scope="col">{t('workshops.my.when')}</th>
            <th scope="col">{t('workshops.seats.label')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.data.items.map((session) => (
            <tr key={session.id}>
              <th scope="row" id={`leading-${session.id}`}>
                <Link to={`/workshops/${session.workshop.item_id}`}>
                  <LocalizedText value={session.workshop.title} />
                </Link>
              </th>
              <td>{formatSessionRange(session.starts_at, session.ends_at, i18n.language)}</td>
              <td>
                <Seats session={session} />
              </td>
              <td>
                <Link to={`/workshops/sessions/${session.id}/attendance`} aria-describedby={`leading-${session.id}`}>
                  {t('workshops.attendance.link')}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
