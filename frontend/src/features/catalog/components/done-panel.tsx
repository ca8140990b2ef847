import { useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { Loading } from '@/components/loading';
import { ProblemAlert } from '@/components/problem-message';
import { useSession } from '@/lib/auth-context';

import { useMarkDone, useMyDone } from '../api/items';

/** "1 December 2026" / "2026 m. gruodžio 1 d.": the day, in the reader's language and time zone. */
function formatDay(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date);
}

/**
 * "Mark as done": records that the reader finished the item, for their pathway to count. A reader
 * who marked it earlier sees when, and no button.
 */
export function DonePanel({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const { status, auth } = useSession();

  return (
    <section className="panel" aria-labelledby="done-heading">
      <h2 id="done-heading">{t('catalog.done.heading')}</h2>
      {status === 'signed-in' ? (
        <MyProgress itemId={itemId} />
      ) : (
        <>
          <p>{t('catalog.done.signInHint')}</p>
          <Button
            className="react-aria-Button button--secondary"
            isDisabled={status === 'loading'}
            onPress={() => void auth.signIn()}
          >
            {t('catalog.done.signIn')}
          </Button>
        </>
      )}
    </section>
  );
}

function MyProgress({ itemId }: { itemId: string }) {
  const { t, i18n } = useTranslation();
  const mine = useMyDone(itemId, true);
  const done = useMarkDone(itemId);
  const statusRef = useRef<HTMLParagraphElement>(null);

  if (mine.isPending) return <Loading label={t('catalog.done.loading')} />;
  // When the check fails the button stays: marking again is harmless (the service records it once).
  const completion = mine.data ?? null;

  let news = null;
  if (done.isSuccess) news = <strong>{t('catalog.done.marked')}</strong>;
  else if (completion) news = t('catalog.done.doneOn', { date: formatDay(completion.completed_at, i18n.language) });

  return (
    <>
      {/* Always present, so screen readers announce the change when the item is marked. */}
      <p ref={statusRef} role="status" tabIndex={-1} className="done__status">
        {news}
      </p>
      {!news && (
        <>
          <p>{t('catalog.done.intro')}</p>
          <Button
            isPending={done.isPending}
            onPress={() => {
              done.mutate(undefined, {
                // The button goes once the item is done; focus moves to the news instead of being lost.
                onSuccess: () => statusRef.current?.focus(),
              });
            }}
          >
            {t('catalog.done.button')}
          </Button>
        </>
      )}
      {done.isError && <ProblemAlert title={t('catalog.done.failed')} error={done.error} />}
    </>
  );
}
