import { Button } from 'react-aria-components';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';
import { QueryError } from '@/components/query-error';

import {
  useCurrentItem,
  useFinishSession,
  usePauseSession,
  useResumeSession,
  useSession,
} from '../api/sessions';
import { ItemScreen } from '../components/item-screen';
import '../components/assessment.css';

function FinishPanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const finish = useFinishSession(sessionId);
  return (
    <section className="panel" aria-labelledby="finish-heading">
      <h2 id="finish-heading" tabIndex={-1}>
        {t('assessment.session.completeTitle')}
      </h2>
      <p>{t('assessment.session.completeBody')}</p>
      {finish.isError && <ProblemAlert error={finish.error} title={t('assessment.session.finishFailed')} />}
      <Button
        isPending={finish.isPending}
        onPress={() => {
          // The promise, not mutate's callback: finishing refetches the session, which replaces this panel.
          finish
            .mutateAsync()
            .then((result) => navigate(`/assessment/results/${result.id}`))
            .catch(() => {
              // Shown from finish.error above.
            });
        }}
      >
        {t('assessment.session.finish')}
      </Button>
    </section>
  );
}

function PausedPanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const resume = useResumeSession(sessionId);
  return (
    <section className="panel">
      <p>{t('assessment.session.pausedBody')}</p>
      {resume.isError && <ProblemAlert error={resume.error} />}
      <Button
        isPending={resume.isPending}
        onPress={() => {
          resume.mutate();
        }}
      >
        {t('assessment.start.resume')}
      </Button>
    </section>
  );
}

/** The test itself: one question per screen, then finishing, which scores it. */
export function SessionRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const session = useSession(id);
  const active = session.data?.status === 'in_progress';
  const current = useCurrentItem(id, active);
  const pause = usePauseSession(id);

  const body = () => {
    if (session.isPending) return <Loading label={t('assessment.session.loading')} />;
    if (session.isError) {
      return <QueryError title={t('assessment.session.loadFailed')} error={session.error} onRetry={() => void session.refetch()} />;
    }
    if (session.data.status === 'finished') {
      const resultId = session.data.result_id;
      return (
        <p>
          {t('assessment.session.alreadyFinished')}{' '}
          {resultId && <Link to={`/assessment/results/${resultId}`}>{t('assessment.session.seeResult')}</Link>}
        </p>
      );
    }
    if (session.data.status === 'paused') return <PausedPanel sessionId={id} />;
    if (current.isError) {
      return <QueryError title={t('assessment.session.loadFailed')} error={current.error} onRetry={() => void current.refetch()} />;
    }
    if (current.isPending) return <Loading label={t('assessment.session.loading')} />;
    const { item, position, progress } = current.data;
    if (current.data.complete || !item || position === null) return <FinishPanel sessionId={id} />;
    return (
      <ItemScreen
        key={`${position}-${item.id}`}
        sessionId={id}
        current={{ position, progress, item }}
        language={session.data.language}
        isPausing={pause.isPending}
        onPause={() => {
          pause.mutate(undefined, {
            onSuccess: () => {
              void navigate('/assessment');
            },
          });
        }}
        onReload={() => void current.refetch()}
      />
    );
  };

  return (
    <Page title={t('assessment.session.title')}>
      {pause.isError && <ProblemAlert error={pause.error} title={t('assessment.session.pauseFailed')} />}
      {body()}
    </Page>
  );
}
