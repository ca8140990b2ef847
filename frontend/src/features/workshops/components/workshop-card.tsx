import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

import { LocalizedText } from '@/components/localized-text';
import { formatList } from '@/lib/format';

import type { WorkshopSummary } from '../api/types';
import { Seats } from './seats';
import { upcomingSessions } from './sessions';
import { formatSessionRange } from './vilnius-time';

/** One workshop in the list: title (to its page), summary, format, mentors, next session and its seats. */
export function WorkshopCard({ workshop }: { workshop: WorkshopSummary }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [next, ...later] = upcomingSessions(workshop.sessions);
  return (
    <li className="item-card workshop-card">
      <h2 className="item-card__title">
        <Link to={`/workshops/${workshop.item_id}`}>
          <LocalizedText value={workshop.title} />
        </Link>
      </h2>
      <p>
        <LocalizedText value={workshop.summary} />
      </p>
      <dl className="item-card__facts">
        <div>
          <dt>{t('workshops.format.label')}</dt>
          <dd>{t(`workshops.format.${workshop.format}`)}</dd>
        </div>
        {workshop.mentors.length > 0 && (
          <div>
            <dt>{t('workshops.mentors.label')}</dt>
            <dd>{formatList(workshop.mentors.map((mentor) => mentor.name), language)}</dd>
          </div>
        )}
        <div>
          <dt>{t('workshops.nextSession')}</dt>
          <dd>
            {next ? (
              <>
                {formatSessionRange(next.starts_at, next.ends_at, language)}{' '}
                <span className="muted">{t('workshops.vilniusTime')}</span>
              </>
            ) : (
              t('workshops.noUpcoming')
            )}
          </dd>
        </div>
        {next && (
          <div>
            <dt>{t('workshops.seats.label')}</dt>
            <dd>
              <Seats session={next} />
            </dd>
          </div>
        )}
        {later.length > 0 && (
          <div>
            <dt>{t('workshops.moreSessions')}</dt>
            <dd>{later.length}</dd>
          </div>
        )}
      </dl>
    </li>
  );
}
