import { useState, type SyntheticEvent } from 'react';
import { Button, CheckboxGroup, FieldError, Form, Group, Input, Label, NumberField, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import {
  PROFILE_LANGUAGES,
  ROLE_PROFILE_KEYS,
  isProfileLanguage,
  type Accessibility,
  type Profile,
  type ProfileInput,
} from '@/api/identity';
import { CheckBox, RadioOption } from '@/components/choice';
import { ProblemAlert } from '@/components/problem-message';
import { SelectField } from '@/components/select-field';
import { TextInput } from '@/components/text-input';
import { messages } from '@/config/languages';
import { fieldErrors } from '@/lib/form-errors';

const NO_ROLE = 'none';
const ACCESSIBILITY_KEYS = ['larger_text', 'reduced_motion', 'screen_reader_hints'] as const satisfies readonly (keyof Accessibility)[];

function initialValues(profile: Profile, interfaceLanguage: string): ProfileInput {
  return {
    job_title: profile.job_title,
    job_description: profile.job_description,
    role_profile_key: profile.role_profile_key,
    // Before the first save the stored language is only a default; the one being read now is a better guess.
    preferred_language:
      !profile.onboarded && isProfileLanguage(interfaceLanguage) ? interfaceLanguage : profile.preferred_language,
    accessibility: { ...profile.accessibility },
    weekly_minutes: profile.weekly_minutes,
    goals: profile.goals,
    share_results_with_supervisor: profile.share_results_with_supervisor,
  };
}

interface ProfileFormProps {
  profile: Profile;
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (profile: ProfileInput) => void;
}

/** The digital profile: what the person does, how they learn, and what they share. */
export function ProfileForm({ profile, submitLabel, isPending, error, onSubmit }: ProfileFormProps) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState(() => initialValues(profile, i18n.language));
  const update = (patch: Partial<ProfileInput>) => {
    setValues((current) => ({ ...current, ...patch }));
  };
  const serverErrors = fieldErrors(error, t);
  const hasFieldErrors = Object.keys(serverErrors).length > 0;

  const roleOptions = [
    { id: NO_ROLE, label: t('profile.roleProfile.none') },
    ...ROLE_PROFILE_KEYS.map((key) => ({ id: key, label: t(`profile.roleProfile.options.${key}`) })),
  ];

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onSubmit({
      ...values,
      job_title: values.job_title.trim(),
      job_description: values.job_description.trim(),
      goals: values.goals.trim(),
    });
  };

  return (
    <>
      {error !== null && error !== undefined && (
        <ProblemAlert error={error} title={t('profile.saveFailed')}>
          {hasFieldErrors && <p>{t('forms.checkFields')}</p>}
        </ProblemAlert>
      )}
      <Form className="form" validationErrors={serverErrors} onSubmit={submit}>
        <fieldset className="fieldset">
          <legend>{t('profile.sections.work')}</legend>
          <TextInput
            label={t('profile.jobTitle')}
            name="job_title"
            autoComplete="organization-title"
            maxLength={200}
            value={values.job_title}
            onChange={(job_title) => {
              update({ job_title });
            }}
          />
          <TextInput
            label={t('profile.jobDescription')}
            description={t('profile.jobDescriptionHint')}
            name="job_description"
            multiline
            rows={5}
            maxLength={4000}
            value={values.job_description}
            onChange={(job_description) => {
              update({ job_description });
            }}
          />
          <SelectField
            label={t('profile.roleProfile.label')}
            description={t('profile.roleProfile.hint')}
            name="role_profile_key"
            options={roleOptions}
            value={values.role_profile_key ?? NO_ROLE}
            onChange={(key) => {
              update({ role_profile_key: ROLE_PROFILE_KEYS.find((known) => known === key) ?? null });
            }}
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('profile.sections.learning')}</legend>
          <RadioGroup
            className="choice-group"
            name="preferred_language"
            value={values.preferred_language}
            onChange={(language) => {
              if (isProfileLanguage(language)) update({ preferred_language: language });
            }}
          >
            <Label className="field__label">{t('profile.language')}</Label>
            <Text slot="description" className="field__description">
              {t('profile.languageHint')}
            </Text>
            {PROFILE_LANGUAGES.map((language) => (
              <RadioOption key={language} value={language} lang={language}>
                {messages[language]?.language.name ?? language}
              </RadioOption>
            ))}
          </RadioGroup>
          <NumberField
            className="field"
            name="weekly_minutes"
            minValue={0}
            maxValue={2400}
            step={15}
            value={values.weekly_minutes}
            onChange={(weekly_minutes) => {
              update({ weekly_minutes: Number.isFinite(weekly_minutes) ? weekly_minutes : 0 });
            }}
          >
            <Label className="field__label">{t('profile.weeklyMinutes')}</Label>
            <Group className="number-field">
              <Button slot="decrement" className="react-aria-Button button--secondary">
                −
              </Button>
              <Input className="field__input field__input--number" />
              <Button slot="increment" className="react-aria-Button button--secondary">
                +
              </Button>
            </Group>
            <Text slot="description" className="field__description">
              {t('profile.weeklyMinutesHint')}
            </Text>
            <FieldError className="field__error" />
          </NumberField>
          <TextInput
            label={t('profile.goals')}
            description={t('profile.goalsHint')}
            name="goals"
            multiline
            maxLength={2000}
            value={values.goals}
            onChange={(goals) => {
              update({ goals });
            }}
          />
        </fieldset>

        <div className="fieldset">
          <CheckboxGroup
            className="choice-group"
            value={ACCESSIBILITY_KEYS.filter((key) => values.accessibility[key])}
            onChange={(chosen) => {
              update({
                accessibility: {
                  larger_text: chosen.includes('larger_text'),
                  reduced_motion: chosen.includes('reduced_motion'),
                  screen_reader_hints: chosen.includes('screen_reader_hints'),
                },
              });
            }}
          >
            <Label className="fieldset__legend">{t('profile.sections.accessibility')}</Label>
            <Text slot="description" className="field__description">
              {t('profile.accessibilityHint')}
            </Text>
            {ACCESSIBILITY_KEYS.map((key) => (
              <CheckBox key={key} value={key}>
                {t(`profile.accessibility.${key}`)}
              </CheckBox>
            ))}
          </CheckboxGroup>
        </div>

        <fieldset className="fieldset">
          <legend>{t('profile.sections.sharing')}</legend>
          <CheckBox
            name="share_results_with_supervisor"
            description={t('profile.sharingExplanation')}
            isSelected={values.share_results_with_supervisor}
            onChange={(share_results_with_supervisor) => {
              update({ share_results_with_supervisor });
            }}
          >
            {t('profile.shareResults')}
          </CheckBox>
        </fieldset>

        <div className="form__actions">
          <Button type="submit" isPending={isPending}>
            {submitLabel}
          </Button>
        </div>
      </Form>
    </>
  );
}
