import { useTranslation } from 'react-i18next';

import { ItemStimulusView } from '@/components/item-stimulus';
import { Paragraphs } from '@/components/paragraphs';

import type { LearnerItem } from '../api/items';

/** The item as the learner sees it: stimulus, question, and the options in the order they are served. */
export function LearnerPreview({ item }: { item: LearnerItem }) {
  const { i18n } = useTranslation();
  // The learner reads the whole screen in the item's language, its few labels included.
  const t = i18n.getFixedT(item.language);
  return (
    <div lang={item.language} className="preview">
      {item.stimulus && <ItemStimulusView stimulus={item.stimulus} labelLanguage={item.language} />}
      <div className="preview__stem">
        <Paragraphs text={item.stem} />
      </div>
      <ol className="preview__options" aria-label={t('itemEditor.preview.options')}>
        {item.options.map((option) => (
          <li key={option.key}>{option.text}</li>
        ))}
      </ol>
      {item.categories && (
        <>
          <h2>{t('itemEditor.preview.categories')}</h2>
          <ul aria-label={t('itemEditor.preview.categories')}>
            {item.categories.map((category) => (
              <li key={category.key}>{category.text}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
