import { useState, type SyntheticEvent } from 'react';
import { Button, FieldError, Label, RadioButton, RadioField, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { Loading } from '@/components/loading';
import { ProblemAlert } from '@/components/problem-message';
import { TextInput } from '@/components/text-input';
import { useSession } from '@/lib/auth-context';

import { useMyRating, useRateItem } from '../api/items';
import type { Rating } from '../api/types';
import { formatRating } from './labels';

const STARS = [1, 2, 3, 4, 5] as const;
const MAX_COMMENT = 2000;

interface RatingPanelProps {
  itemId: string;
  average: number | null;
  count: number;
}

/** The item's average rating, and for a signed-in reader their own (1–5 stars and a comment), editable. */
export function RatingPanel({ itemId, average, count }: RatingPanelProps) {
  const { t, i18n } = useTranslation();
  const { status, auth } = useSession();
  const mine = useMyRating(itemId, status === 'signed-in');

  let form;
  if (status !== 'signed-in') {
    form = (
      <Button className="react-aria-Button button--secondary" isDisabled={status === 'loading'} onPress={() => void auth.signIn()}>
        {t('catalog.rating.signIn')}
      </Button>
    );
  } else if (mine.isPending) {
    form = <Loading label={t('catalog.rating.loading')} />;
  } else {
    // Drawn once my rating is known, so the form starts from it.
    form = <RatingForm itemId={itemId} saved={mine.data ?? null} />;
  }

  return (
    <section className="panel" aria-labelledby="rating-heading">
      <h2 id="rating-heading">{t('catalog.rating.heading')}</h2>
      <p className="rating__average">
        {average !== null && count > 0
          ? t('catalog.rating.summary', { average: formatRating(average, i18n.language), count })
          : t('catalog.rating.none')}
      </p>
      {form}
    </section>
  );
}

function RatingForm({ itemId, saved }: { itemId: string; saved: Rating | null }) {
  const { t } = useTranslation();
  const rate = useRateItem(itemId);
  const [stars, setStars] = useState<number | null>(saved?.rating ?? null);
  const [comment, setComment] = useState(saved?.comment ?? '');
  const [missing, setMissing] = useState(false);
  const word = (value: (typeof STARS)[number]) => t(`catalog.rating.words.${value}`);
  const chosen = STARS.find((value) => value === stars);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (stars === null) {
      setMissing(true);
      return;
    }
    const text = comment.trim();
    rate.mutate({ rating: stars, comment: text ? text : null });
  };

  return (
    <form className="rating-form" onSubmit={submit} noValidate>
      <RadioGroup
        className="stars"
        orientation="horizontal"
        value={stars === null ? null : String(stars)}
        isInvalid={missing}
        onChange={(value) => {
          setStars(Number(value));
          setMissing(false);
          rate.reset();
        }}
      >
        <Label className="field__label">{t('catalog.rating.yours')}</Label>
        <div className="stars__options">
          {STARS.map((value) => (
            <RadioField key={value} value={String(value)} className="star-field">
              <RadioButton className="star">
                {/* Filled up to the chosen value, outlined after it: shape, not colour alone, tells them apart. */}
                <span aria-hidden="true" className={stars !== null && value <= stars ? 'star__icon star__icon--on' : 'star__icon'}>
                  {stars !== null && value <= stars ? '★' : '☆'}
                </span>
                <span className="visually-hidden">{t('catalog.rating.starLabel', { value, word: word(value) })}</span>
              </RadioButton>
            </RadioField>
          ))}
          <span className="stars__word" aria-hidden="true">
            {chosen !== undefined && word(chosen)}
          </span>
        </div>
        <FieldError className="field__error">{t('catalog.rating.missing')}</FieldError>
      </RadioGroup>
      <TextInput
        label={t('catalog.rating.comment')}
        description={t('catalog.rating.commentHint')}
        multiline
        rows={3}
        maxLength={MAX_COMMENT}
        value={comment}
        onChange={(value) => {
          setComment(value);
          rate.reset();
        }}
      />
      <div className="button-row">
        <Button type="submit" isPending={rate.isPending}>
          {saved ? t('catalog.rating.update') : t('catalog.rating.save')}
        </Button>
      </div>
      <p role="status" className="rating__saved">
        {rate.isSuccess ? t('catalog.rating.saved') : null}
      </p>
      {rate.isError && <ProblemAlert title={t('catalog.rating.failed')} error={rate.error} />}
    </form>
  );
}
