import { useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { Framework } from '@/api/framework';
import { SelectField } from '@/components/select-field';
import { competenceOptions, levelOptions } from '@/lib/competences';

import type { CompetenceTag } from './draft';

interface CompetenceTagsProps {
  tags: CompetenceTag[];
  onChange: (tags: CompetenceTag[]) => void;
  framework: Framework | undefined;
  /** Field errors of a refused save, by field name (`competence_levels.0.level_max`). */
  errors: Record<string, string>;
  isReadOnly?: boolean;
}

/** The DigComp competences the item develops, each with the range of proficiency levels it covers. */
export function CompetenceTags({ tags, onChange, framework, errors, isReadOnly = false }: CompetenceTagsProps) {
  const { t, i18n } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const addButton = useRef<HTMLButtonElement>(null);
  const competences = competenceOptions(framework, i18n.language);
  const levels = levelOptions(framework, i18n.language);
  const nameOf = (tag: CompetenceTag, index: number) =>
    competences.find((c) => c.id === tag.code)?.label ?? t('catalogEditor.competences.tag', { n: index + 1 });
  const change = (index: number, patch: Partial<CompetenceTag>) => {
    onChange(tags.map((tag, i) => (i === index ? { ...tag, ...patch } : tag)));
  };

  return (
    <>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {tags.length === 0 && <p className="muted">{t('catalogEditor.competences.none')}</p>}
      <ul className="tag-list">
        {tags.map((tag, index) => (
          <li key={index} className="tag-list__item">
            <SelectField
              label={t('catalogEditor.competences.competence', { n: index + 1 })}
              name={`competence_levels.${String(index)}.code`}
              options={competences}
              value={tag.code}
              placeholder={t('catalogEditor.competences.choose')}
              isDisabled={isReadOnly}
              onChange={(code) => {
                change(index, { code });
              }}
            />
            <SelectField
              label={t('catalogEditor.competences.from', { n: index + 1 })}
              name={`competence_levels.${String(index)}.level_min`}
              options={levels}
              value={String(tag.levelMin)}
              isDisabled={isReadOnly}
              onChange={(level) => {
                const levelMin = Number(level);
                change(index, { levelMin, levelMax: Math.max(levelMin, tag.levelMax) });
              }}
            />
            <SelectField
              label={t('catalogEditor.competences.to', { n: index + 1 })}
              name={`competence_levels.${String(index)}.level_max`}
              options={levels.filter((level) => Number(level.id) >= tag.levelMin)}
              value={String(tag.levelMax)}
              isDisabled={isReadOnly}
              onChange={(level) => {
                change(index, { levelMax: Number(level) });
              }}
            />
            {!isReadOnly && (
              <Button
                className="react-aria-Button button--secondary"
                onPress={() => {
                  const removed = nameOf(tag, index);
                  onChange(tags.filter((_, i) => i !== index));
                  setAnnouncement(t('catalogEditor.competences.removed', { what: removed }));
                  addButton.current?.focus();
                }}
              >
                {t('catalogEditor.competences.remove', { n: index + 1 })}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {errors.competence_levels && <p className="field__error">{errors.competence_levels}</p>}
      {!isReadOnly && (
        <Button
          ref={addButton}
          className="react-aria-Button button--secondary"
          isDisabled={tags.length >= competences.length && competences.length > 0}
          onPress={() => {
            onChange([...tags, { code: '', levelMin: 1, levelMax: 2 }]);
            setAnnouncement(t('catalogEditor.competences.added', { n: tags.length + 1 }));
          }}
        >
          {t('catalogEditor.competences.add')}
        </Button>
      )}
    </>
  );
}
