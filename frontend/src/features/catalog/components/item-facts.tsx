import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useCompetences } from '@/api/framework';
import { LocalizedText } from '@/components/localized-text';
import { competenceLabel } from '@/lib/competences';
import { formatDuration, formatList, languageName } from '@/lib/format';

import { usePrerequisites } from '../api/items';
import type { ItemDetail } from '../api/types';
import { accessibilityLabel, formatLabel, kindLabel } from './labels';

function formatCost(cost: string | number, language: string, free: string): string {
  const amount = Number(cost);
  if (!Number.isFinite(amount) || amount === 0) return free;
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'EUR' }).format(amount);
}

/** What the item is: type, length, format, who offers it, in which languages, for whom, at what cost. */
export function ItemFacts({ item }: { item: ItemDetail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <dl className="facts item-facts">
      <div>
        <dt>{t('catalog.facts.kind')}</dt>
        <dd>{kindLabel(item.kind, t)}</dd>
      </div>
      <div>
        <dt>{t('catalog.facts.duration')}</dt>
        <dd>{formatDuration(item.duration_minutes, language)}</dd>
      </div>
      <div>
        <dt>{t('catalog.facts.format')}</dt>
        <dd>{formatLabel(item.format, t)}</dd>
      </div>
      {item.provider && (
        <div>
          <dt>{t('catalog.facts.provider')}</dt>
          <dd>{item.provider}</dd>
        </div>
      )}
      <div>
        <dt>{t('catalog.facts.languages')}</dt>
        <dd>{formatList(item.languages.map((tag) => languageName(tag, language)), language)}</dd>
      </div>
      <div>
        <dt>{t('catalog.facts.levels')}</dt>
        <dd>{t('catalog.levelRange', { min: item.level_min, max: item.level_max })}</dd>
      </div>
      {item.accessibility.length > 0 && (
        <div>
          <dt>{t('catalog.facts.accessibility')}</dt>
          <dd>{formatList(item.accessibility.map((feature) => accessibilityLabel(feature, t)), language)}</dd>
        </div>
      )}
      <div>
        <dt>{t('catalog.facts.cost')}</dt>
        <dd>{formatCost(item.cost_eur, language, t('catalog.facts.free'))}</dd>
      </div>
      {item.licence && (
        <div>
          <dt>{t('catalog.facts.licence')}</dt>
          <dd>{item.licence}</dd>
        </div>
      )}
    </dl>
  );
}

/** The DigComp competences the item develops, each with the levels it takes a learner through. */
export function ItemCompetences({ item }: { item: ItemDetail }) {
  const { t, i18n } = useTranslation();
  const competences = useCompetences();
  if (item.competence_levels.length === 0) return null;
  return (
    <section aria-labelledby="competences-heading" className="item-section">
      <h2 id="competences-heading">{t('catalog.item.competences')}</h2>
      <ul className="competence-list">
        {item.competence_levels.map((tag) => (
          <li key={tag.code}>
            {t('catalog.item.competenceLevels', {
              competence: competenceLabel(tag.code, competences.get(tag.code), i18n.language),
              min: tag.level_min,
              max: tag.level_max,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The items to take first, as links; one the reader may not see (or that was removed) is left out. */
export function ItemPrerequisites({ ids }: { ids: readonly string[] }) {
  const { t } = useTranslation();
  const prerequisites = usePrerequisites(ids);
  if (ids.length === 0) return null;
  return (
    <section aria-labelledby="prerequisites-heading" className="item-section">
      <h2 id="prerequisites-heading">{t('catalog.item.prerequisites')}</h2>
      <ul className="link-list">
        {prerequisites.map((query, index) => {
          const id = ids[index] ?? '';
          if (query.isError) return null;
          return (
            <li key={id}>
              {query.data ? (
                <Link to={`/catalog/items/${id}`}>
                  <LocalizedText value={query.data.title} />
                </Link>
              ) : (
                <span className="muted">{t('common.loading')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
