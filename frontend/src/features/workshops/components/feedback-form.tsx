import { useState, type SyntheticEvent } from 'react';
import { Button, Form, Label, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { RadioOption } from '@/components/choice';
import { ProblemAlert } from '@/components/problem-message';
import { TextInput } from '@/components/text-input';

import { useSendFeedback } from '../api/registrations';
import type { Feedback } from '../api/types';

const RATINGS = [1, 2, 3, 4, 5] as const;
const COMMENT_MAX = 2000;

/** After attending: a rating from 1 to 5 and an optional comment; sending again replaces the earlier one. */
export function FeedbackForm({ sessionId, feedback, describedBy }: { sessionId: string; feedback: Feedback | null; describedBy: string }) {
  const { t } = useTranslation();
  const send = useSendFeedback(sessionId);
  const [rating, setRating] = useState(feedback ? String(feedback.rating) : '');
  const [comment, setComment] = useState(feedback?.comment ?? '');
  const [missingRating, setMissingRating] = useState(false);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!rating) {
      setMissingRating(true);
      return;
    }
    send.mutate({ rating: Number(rating), comment: comment.trim() || null });
  };

  return (
    <Form className="form feedback-form" onSubmit={submit} aria-describedby={describedBy}>
      <RadioGroup
        className="choice-group"
        value={rating}
        onChange={(value) => {
          setRating(value);
          setMissingRating(false);
        }}
        isInvalid={missingRating}
        {...(missingRating ? { 'aria-describedby': `${sessionId}-rating-error` } : {})}
      >
        <Label className="field__label">{t('workshops.feedback.rating')}</Label>
        {RATINGS.map((value) => (
          <RadioOption key={value} value={String(value)}>
            {t(`workshops.feedback.ratings.${String(value) as '1' | '2' | '3' | '4' | '5'}`)}
          </RadioOption>
        ))}
        {missingRating && (
          <p id={`${sessionId}-rating-error`} className="field__error">
            {t('workshops.feedback.ratingRequired')}
          </p>
        )}
      </RadioGroup>
      <TextInput label={t('workshops.feedback.comment')} multiline rows={3} maxLength={COMMENT_MAX} value={comment} onChange={setComment} />
      <div className="form__actions">
        <Button type="submit" isPending={send.isPending}>
          {feedback ? t('workshops.feedback.update') : t('workshops.feedback.send')}
        </Button>
      </div>
      <div role="status">{send.isSuccess && <p className="notice">{t('workshops.feedback.thanks')}</p>}</div>
      {send.isError && <ProblemAlert error={send.error} title={t('workshops.feedback.failed')} />}
    </Form>
  );
}
