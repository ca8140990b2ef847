import { Button, Disclosure, DisclosurePanel, Heading, Label, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { Framework } from '@/api/framework';
import { RadioOption } from '@/components/choice';
import { LocalizedText } from '@/components/localized-text';

/** The answers to "I can…" per area code, as the proficiency level (1–8) each answer stands for. */
export type Ratings = Record<string, number>;

// Plain statements rather than eight levels: new to it, with help (foundation), on my own
// (intermediate), guiding others (advanced).
const RATINGS = [1, 2, 4, 6] as const;

interface SelfAssessmentProps {
  framework: Framework;
  value: Ratings;
  onChange: (value: Ratings) => void;
}

/** The optional "I can…" block: a short, skippable starting point that only nudges the first questions. */
export function SelfAssessment({ framework, value, onChange }: SelfAssessmentProps) {
  const { t } = useTranslation();
  return (
    <Disclosure className="disclosure">
      <Heading level={2} className="disclosure__heading">
        <Button slot="trigger" className="disclosure__trigger">
          <span aria-hidden="true" className="disclosure__chevron">
            ▸
          </span>
          {t('assessment.self.title')}
        </Button>
      </Heading>
      <DisclosurePanel className="disclosure__panel">
        <p>{t('assessment.self.intro')}</p>
        {framework.areas.map((area) => (
          <RadioGroup
            key={area.code}
            className="choice-group self-assessment__area"
            value={value[area.code] === undefined ? null : String(value[area.code])}
            onChange={(rating) => {
              onChange({ ...value, [area.code]: Number(rating) });
            }}
          >
            <Label className="field__label">
              <LocalizedText value={area.title} />
            </Label>
            <Text slot="description" className="field__description">
              <LocalizedText value={area.description} />
            </Text>
            {RATINGS.map((rating) => (
              <RadioOption key={rating} value={String(rating)}>
                {t(`assessment.self.ratings.${rating}`)}
              </RadioOption>
            ))}
          </RadioGroup>
        ))}
        {Object.keys(value).length > 0 && (
          <Button
            className="react-aria-Button button--secondary"
            onPress={() => {
              onChange({});
            }}
          >
            {t('assessment.self.clear')}
          </Button>
        )}
      </DisclosurePanel>
    </Disclosure>
  );
}
