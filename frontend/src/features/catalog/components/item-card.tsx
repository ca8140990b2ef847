import { useTranslation } from 'react-i18next';

import { LocalizedText } from '@/components/localized-text';
import { formatDuration, formatList, languageName } from '@/lib/format';

import type { Item } from '../api/get-items';

/** One learning item: its title (a link when it has a URL), summary and the facts a learner chooses by. */
export function ItemCard({ item }: { item: Item }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const title = <LocalizedText value={item.title} />;
  return (
    <li className="item-card">
      <h2 className="item-card__title">{item.url ? <a href={item.url}>{title}</a> : title}</h2>
      <p>
        <LocalizedText value={item.summary} />
      </p>
      <dl className="item-card__facts">
        <div>
          <dt>{t('catalog.kind.label')}</dt>
          <dd>{t(`catalog.kind.${item.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('catalog.duration')}</dt>
          <dd>{formatDuration(item.duration_minutes, language)}</dd>
        </div>
        <div>
          <dt>{t('catalog.languages')}</dt>
          <dd>{formatList(item.languages.map((tag) => languageName(tag, language)), language)}</dd>
        </div>
        {item.competences.length > 0 && (
          <div>
            <dt>{t('catalog.competences')}</dt>
            <dd>{formatList(item.competences, language)}</dd>
          </div>
        )}
        <div>
          <dt>{t('catalog.levels')}</dt>
          <dd>{t('catalog.levelRange', { min: item.level_min, max: item.level_max })}</dd>
        </div>
      </dl>
    </li>
  );
}
