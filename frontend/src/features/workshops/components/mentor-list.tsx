import { useTranslation } from 'react-i18next';

import { LocalizedText } from '@/components/localized-text';

import type { Mentor } from '../api/types';

/** The workshop's mentors: who they are, where they work and what they know. */
export function MentorList({ mentors }: { mentors: readonly Mentor[] }) {
  const { t } = useTranslation();
  if (mentors.length === 0) return <p>{t('workshops.mentors.none')}</p>;
  return (
    <ul className="mentor-list">
      {mentors.map((mentor) => (
        <li key={mentor.id} className="mentor">
          <h3 className="mentor__name">{mentor.name}</h3>
          <dl className="facts">
            <div>
              <dt>{t('workshops.mentors.organisation')}</dt>
              <dd>{mentor.organisation}</dd>
            </div>
            <div>
              <dt>{t('workshops.mentors.sector')}</dt>
              <dd>{t(`workshops.sector.${mentor.sector}`)}</dd>
            </div>
            {Object.keys(mentor.expertise).length > 0 && (
              <div>
                <dt>{t('workshops.mentors.expertise')}</dt>
                <dd>
                  <LocalizedText value={mentor.expertise} />
                </dd>
              </div>
            )}
          </dl>
          {Object.keys(mentor.bio).length > 0 && (
            <p>
              <LocalizedText value={mentor.bio} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
