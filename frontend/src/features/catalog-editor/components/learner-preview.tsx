import { useTranslation } from 'react-i18next';

import { LessonBody } from '@/components/lesson-body';
import { formatDuration, formatList } from '@/lib/format';
import { contentLanguageName } from '@/lib/language-names';

import type { ItemDetail } from '../api/items';

interface LearnerPreviewProps {
  item: ItemDetail;
  /** The language the learner reads the item in. */
  language: string;
}

/** The item as a learner reading in `language` sees it: title, summary, the facts and the lesson's text (set as on the item page). */
export function LearnerPreview({ item, language }: LearnerPreviewProps) {
  const { i18n } = useTranslation();
  // The learner reads the whole item in its language, its few labels included.
  const t = i18n.getFixedT(language);
  const title = item.title[language];
  const summary = item.summary[language];
  const html = item.body_html[language];
  return (
    <div lang={language} className="lesson-preview">
      <p className="muted">{t(`catalogEditor.kinds.${item.kind}`)}</p>
      <h2>{title || <span className="warning">{t('catalogEditor.preview.noTitle')}</span>}</h2>
      {summary ? <p className="lead">{summary}</p> : <p className="warning">{t('catalogEditor.preview.noSummary')}</p>}
      <dl className="facts">
        <div>
          <dt>{t('catalogEditor.fields.duration')}</dt>
          <dd>{formatDuration(item.duration_minutes, language)}</dd>
        </div>
        <div>
          <dt>{t('catalogEditor.fields.format')}</dt>
          <dd>{t(`catalogEditor.formats.${item.format}`)}</dd>
        </div>
        <div>
          <dt>{t('catalogEditor.fields.languages')}</dt>
          <dd>{formatList(item.languages.map((l) => contentLanguageName(l, language)), language)}</dd>
        </div>
        {item.provider && (
          <div>
            <dt>{t('catalogEditor.fields.provider')}</dt>
            <dd>{item.provider}</dd>
          </div>
        )}
        {item.accessibility.length > 0 && (
          <div>
            <dt>{t('catalogEditor.fields.accessibility')}</dt>
            <dd>{formatList(item.accessibility.map((feature) => t(`catalogEditor.accessibility.${feature}`)), language)}</dd>
          </div>
        )}
      </dl>
      {html ? (
        <LessonBody html={html} lang={language} label={t('catalogEditor.preview.lesson')} />
      ) : (
        <p className="muted">{t('catalogEditor.preview.noBody')}</p>
      )}
      {item.url && (
        <p>
          <a href={item.url} rel="noopener noreferrer">
            {t('catalogEditor.preview.external')}
          </a>
        </p>
      )}
    </div>
  );
}
