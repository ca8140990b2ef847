import { Button, Disclosure, DisclosurePanel, Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { Paragraphs } from '@/components/paragraphs';

import type { Answer, Choice, ReviewedItem, ReviewItem } from '../api/types';
import { answerMode } from './answer-input';

type Mode = ReturnType<typeof answerMode>;

/** The key as items store it ("b", ["a", "c"], an order, {a: "x"}) in the shape of an answer. */
function keyAsAnswer(mode: Mode, key: ReviewedItem['answer']): Answer {
  if (typeof key === 'string') return { choice: key };
  if (Array.isArray(key)) return mode === 'ordering' ? { order: key } : { choices: key };
  return { matches: key };
}

function AnswerText({ answer, options, categories }: { answer: Answer; options: readonly Choice[]; categories: readonly Choice[] }) {
  const text = (key: string, from: readonly Choice[] = options) => from.find((c) => c.key === key)?.text ?? key;
  if ('choice' in answer) return <p>{text(answer.choice)}</p>;
  if ('choices' in answer) {
    return (
      <ul>
        {answer.choices.map((key) => (
          <li key={key}>{text(key)}</li>
        ))}
      </ul>
    );
  }
  if ('order' in answer) {
    return (
      <ol>
        {answer.order.map((key) => (
          <li key={key}>{text(key)}</li>
        ))}
      </ol>
    );
  }
  return (
    <ul>
      {Object.entries(answer.matches).map(([option, category]) => (
        <li key={option}>
          {text(option)} → {text(category, categories)}
        </li>
      ))}
    </ul>
  );
}

function Entry({ entry, language }: { entry: ReviewItem; language: string }) {
  const { t } = useTranslation();
  const content = entry.item;
  const yours = content.response;
  const key = keyAsAnswer(answerMode(content), content.answer);
  const options = content.options;
  const categories = content.categories ?? [];
  const verdict = entry.skipped
    ? t('assessment.review.skipped')
    : entry.correct === true
      ? t('assessment.review.correct')
      : entry.correct === false
        ? t('assessment.review.incorrect')
        : t('assessment.review.notScored');

  return (
    <Disclosure className="disclosure review__entry">
      <Heading level={3} className="disclosure__heading">
        <Button slot="trigger" className="disclosure__trigger">
          <span aria-hidden="true" className="disclosure__chevron">
            ▸
          </span>
          {t('assessment.review.entryTitle', { number: entry.position, verdict })}
        </Button>
      </Heading>
      <DisclosurePanel className="disclosure__panel review__panel">
        <div lang={language}>
          <Paragraphs text={content.stem} />
        </div>
        <dl className="review__facts">
          <div>
            <dt>{t('assessment.review.yourAnswer')}</dt>
            <dd lang={language}>
              {yours ? <AnswerText answer={yours} options={options} categories={categories} /> : <p>{t('assessment.review.noAnswer')}</p>}
            </dd>
          </div>
          <div>
            <dt>{t('assessment.review.rightAnswer')}</dt>
            <dd lang={language}>
              <AnswerText answer={key} options={options} categories={categories} />
            </dd>
          </div>
          {content.explanation && (
            <div>
              <dt>{t('assessment.review.why')}</dt>
              <dd lang={language}>
                <Paragraphs text={content.explanation} />
              </dd>
            </div>
          )}
        </dl>
      </DisclosurePanel>
    </Disclosure>
  );
}

/** Every answered question, folded: what you answered, the right answer and why. */
export function ReviewList({ review, language }: { review: readonly ReviewItem[]; language: string }) {
  const { t } = useTranslation();
  if (review.length === 0) return <p>{t('assessment.review.empty')}</p>;
  return (
    <div className="review">
      {review.map((entry) => (
        <Entry key={entry.position} entry={entry} language={language} />
      ))}
    </div>
  );
}
