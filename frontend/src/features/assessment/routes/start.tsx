import { useState } from 'react';
import { Button, Label, RadioGroup, Text } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

import { FRAMEWORK_KEY } from '@/api/framework';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';
import { QueryError } from '@/components/query-error';
import { RadioOption } from '@/components/choice';
import { LANGUAGES, messages } from '@/config/languages';
import { formatDateTime } from '@/lib/format';

import { useFramework } from '../api/results';
import { useResumeSession, useSessions, useStartSession } from '../api/sessions';
import type { Session } from '../api/types';
import { retakeAvailableAt } from '../components/retake';
import { SelfAssessment, type Ratings } from '../components/self-assessment';
import '../components/assessment.css';

function OpenSession({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const resume = useResumeSession(session.id);
  const goToTest = () => void navigate(`/assessment/sessions/${session.id}`);
  return (
    <section className="panel" aria-labelledby="open-session-heading">
      <h2 id="open-session-heading">
        {session.status === 'paused' ? t('assessment.start.pausedTitle') : t('assessment.start.openTitle')}
      </h2>
      <p>
        {t('assessment.start.openBody', {
          started: formatDateTime(session.started_at, i18n.language),
          answered: session.progress.answered,
          language: messages[session.language]?.language.name ?? session.language,
        })}
      </p>
      {resume.isError && <ProblemAlert error={resume.error} title={t('assessment.start.resumeFailed')} />}
      <Button
        isPending={resume.isPending}
        onPress={() => {
          if (session.status === 'paused') resume.mutate(undefined, { onSuccess: goToTest });
          else goToTest();
        }}
      >
        {session.status === 'paused' ? t('assessment.start.resume') : t('assessment.start.continue')}
      </Button>
    </section>
  );
}

function StartForm() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const framework = useFramework(FRAMEWORK_KEY);
  const start = useStartSession();
  const [language, setLanguage] = useState<string | null>(null);
  const [ratings, setRatings] = useState<Ratings>({});
  const chosenLanguage = language ?? i18n.language;
  const retakeAt = retakeAvailableAt(start.error);

  return (
    <section className="panel" aria-labelledby="start-heading">
      <h2 id="start-heading">{t('assessment.start.startTitle')}</h2>
      <RadioGroup className="choice-group" value={chosenLanguage} onChange={setLanguage}>
        <Label className="field__label">{t('assessment.start.language')}</Label>
        <Text slot="description" className="field__description">
          {t('assessment.start.languageHint')}
        </Text>
        {LANGUAGES.map((tag) => (
          <RadioOption key={tag} value={tag} lang={tag}>
            {messages[tag]?.language.name ?? tag}
          </RadioOption>
        ))}
      </RadioGroup>
      {framework.data && <SelfAssessment framework={framework.data} value={ratings} onChange={setRatings} />}
      {retakeAt ? (
        <div role="alert" className="notice">
          {t('assessment.start.retakeCooldown', { date: formatDateTime(retakeAt.toISOString(), i18n.language) })}
        </div>
      ) : (
        start.isError && <ProblemAlert error={start.error} title={t('assessment.start.startFailed')} />
      )}
      <Button
        isPending={start.isPending}
        onPress={() => {
          const rated = Object.keys(ratings).length > 0;
          start.mutate(
            { framework: FRAMEWORK_KEY, language: chosenLanguage, ...(rated ? { self_assessment: ratings } : {}) },
            {
              onSuccess: (session) => {
                void navigate(`/assessment/sessions/${session.id}`);
              },
            },
          );
        }}
      >
        {t('assessment.start.start')}
      </Button>
    </section>
  );
}

/** What the skills test is, and starting it (or going back to the one in progress). */
export function StartRoute() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const open = sessions.data?.find((session) => session.status === 'in_progress' || session.status === 'paused');

  return (
    <Page title={t('assessment.start.title')}>
      <p className="lead">{t('assessment.start.lead')}</p>
      <ul className="assessment-facts">
        <li>{t('assessment.start.factAdaptive')}</li>
        <li>{t('assessment.start.factNoTimeLimit')}</li>
        <li>{t('assessment.start.factPause')}</li>
        <li>{t('assessment.start.factDuration')}</li>
      </ul>
      {sessions.isPending && <Loading label={t('assessment.start.loading')} />}
      {sessions.isError && (
        <QueryError title={t('assessment.start.loadFailed')} error={sessions.error} onRetry={() => void sessions.refetch()} />
      )}
      {sessions.isSuccess && (open ? <OpenSession session={open} /> : <StartForm />)}
      <p>
        <Link to="/assessment/history">{t('assessment.start.pastResults')}</Link>
      </p>
    </Page>
  );
}
