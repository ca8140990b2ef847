import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useCompetences } from '@/api/framework';
import { LocalizedText } from '@/components/localized-text';
import { competenceLabel } from '@/lib/competences';
import { formatDuration, formatList, languageName } from '@/lib/format';

import type { SearchHit } from '../api/types';
import { accessibilityLabel, formatRating, kindLabel } from './labels';

interface ItemCardProps {
  item: SearchHit;
  /** The catalog search the card was found by, so the item page can lead back to it. */
  fromSearch: string;
}

/** One search result: its title (linking to the item), summary, and the facts a learner chooses by. */
export function ItemCard({ item, fromSearch }: ItemCardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const competences = useCompetences();
  return (
    <li className="item-card">
      <p className="item-card__kind">{kindLabel(item.kind, t)}</p>
      <h3 className="item-card__title">
        <Link to={`/catalog/items/${item.id}`} state={{ fromSearch }} className="item-card__link">
          <LocalizedText value={item.title} />
        </Link>
      </h3>
      <p className="item-card__summary">
        <LocalizedText value={item.summary} />
      </p>
      <dl className="item-card__facts">
        <div>
          <dt>{t('catalog.facts.duration')}</dt>
          <dd>{formatDuration(item.duration_minutes, language)}</dd>
        </div>
        <div>
          <dt>{t('catalog.facts.levels')}</dt>
          <dd>{t('catalog.levelRange', { min: item.level_min, max: item.level_max })}</dd>
        </div>
        <div>
          <dt>{t('catalog.facts.languages')}</dt>
          <dd>{formatList(item.languages.map((tag) => languageName(tag, language)), language)}</dd>
        </div>
        {item.competences.length > 0 && (
          <div>
            <dt>{t('catalog.facts.competences')}</dt>
            <dd>{formatList(item.competences.map((code) => competenceLabel(code, competences.get(code), language)), language)}</dd>
          </div>
        )}
        <div>
          <dt>{t('catalog.facts.rating')}</dt>
          <dd>
            {item.rating_average !== null && item.rating_count > 0
              ? t('catalog.rating.summary', { average: formatRating(item.rating_average, language), count: item.rating_count })
              : t('catalog.rating.none')}
          </dd>
        </div>
      </dl>
      {(item.accessibility.length > 0 || item.has_upcoming_session) && (
        <ul className="badges" aria-label={t('catalog.facts.features')}>
          {item.accessibility.map((feature) => (
            <li key={feature} className="badge">
              {accessibilityLabel(feature, t)}
            </li>
          ))}
          {item.has_upcoming_session && <li className="badge badge--event">{t('catalog.card.upcoming')}</li>}
        </ul>
      )}
    </li>
  );
}
