import { useEffect, useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { isRetryable } from '@/api/problem';
import { ItemStimulusView } from '@/components/item-stimulus';
import { Paragraphs } from '@/components/paragraphs';
import { ProblemAlert } from '@/components/problem-message';

import { useSubmitResponse, type Submission } from '../api/sessions';
import type { Answer, Progress, ServedItem } from '../api/types';
import { AnswerInput, initialAnswer, isComplete } from './answer-input';
import { TestProgress } from './test-progress';
import { useVisibleTime } from './use-visible-time';

interface ItemScreenProps {
  sessionId: string;
  current: { position: number; item: ServedItem; progress: Progress };
  /** The language the items are written in (the session's, which may differ from the interface's). */
  language: string;
  onPause: () => void;
  isPausing: boolean;
  /** Asks for the current item again (after an answer the server refused). */
  onReload: () => void;
}

/** One question: its heading takes focus, the answer stays on screen until the server has it. */
export function ItemScreen({ sessionId, current, language, onPause, isPausing, onReload }: ItemScreenProps) {
  const { t } = useTranslation();
  const { item, position, progress } = current;
  const stemId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [answer, setAnswer] = useState<Answer | null>(() => initialAnswer(item));
  // What was sent last: a retry sends exactly this again, so an answer the server did get is not doubled.
  const [sent, setSent] = useState<Submission | null>(null);
  const elapsed = useVisibleTime();
  const submit = useSubmitResponse(sessionId);

  useEffect(() => {
    // After a navigation the layout puts focus on the page heading in this same commit, and its
    // effect runs after this one: the question's heading takes focus once that is done.
    const timer = setTimeout(() => {
      heading.current?.focus();
    }, 0);
    return () => {
      clearTimeout(timer);
    };
  }, []);

  const send = (body: Submission['body']) => {
    const submission = { position, body };
    setSent(submission);
    submit.mutate(submission);
  };
  const locked = sent !== null;
  const sendingAnswer = submit.isPending && sent !== null && 'answer' in sent.body;
  const sendingSkip = submit.isPending && sent !== null && 'skipped' in sent.body;

  return (
    <section className="item-screen" aria-labelledby={`${stemId}-heading`}>
      <TestProgress position={position} progress={progress} />
      <h2 id={`${stemId}-heading`} ref={heading} tabIndex={-1} className="item-screen__heading">
        {t('assessment.session.question', { number: position })}
      </h2>
      <div lang={language} className="item-screen__content">
        {item.stimulus && <ItemStimulusView stimulus={item.stimulus} />}
        <div id={stemId} className="item-screen__stem">
          <Paragraphs text={item.stem} />
        </div>
        <AnswerInput
          item={item}
          labelledBy={stemId}
          answer={answer}
          onChange={setAnswer}
          isDisabled={locked}
        />
      </div>
      {submit.isError && sent && (
        <ProblemAlert error={submit.error} title={t('assessment.session.notSaved')}>
          <p>{t('assessment.session.keptOnScreen')}</p>
          {isRetryable(submit.error) ? (
            <Button
              onPress={() => {
                submit.mutate(sent);
              }}
            >
              {t('common.retry')}
            </Button>
          ) : (
            <Button
              onPress={() => {
                // Refused, not lost: the question as the server has it now, answerable again.
                setSent(null);
                submit.reset();
                onReload();
              }}
            >
              {t('assessment.session.reload')}
            </Button>
          )}
        </ProblemAlert>
      )}
      <div className="item-screen__actions">
        <Button
          isDisabled={!sendingAnswer && (locked || !isComplete(item, answer))}
          isPending={sendingAnswer}
          onPress={() => {
            if (answer) send({ item_id: item.id, answer, time_ms: elapsed() });
          }}
        >
          {t('assessment.session.next')}
        </Button>
        <Button
          className="react-aria-Button button--secondary"
          isDisabled={!sendingSkip && locked}
          isPending={sendingSkip}
          onPress={() => {
            send({ item_id: item.id, skipped: true, time_ms: elapsed() });
          }}
        >
          {t('assessment.session.skip')}
        </Button>
        <Button
          className="react-aria-Button button--secondary item-screen__pause"
          isDisabled={submit.isPending}
          isPending={isPausing}
          onPress={onPause}
        >
          {t('assessment.session.pause')}
        </Button>
      </div>
      {!isComplete(item, answer) && !locked && (
        <p className="muted">{t('assessment.session.answerOrSkip')}</p>
      )}
    </section>
  );
}
