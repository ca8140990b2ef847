import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';

import { Loading } from '@/components/loading';
import { LocalizedText } from '@/components/localized-text';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { formatList, languageName } from '@/lib/format';
import { pickText } from '@/lib/localized-text';

import type { WorkshopDetail } from '../api/types';
import { useWorkshop } from '../api/workshops';
import { useCompetences } from '../components/competence-names';
import { MentorList } from '../components/mentor-list';
import { SessionPanel } from '../components/session-panel';
import '../components/workshops.css';

function Facts({ workshop }: { workshop: WorkshopDetail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const competences = useCompetences();
  return (
    <dl className="facts">
      <div>
        <dt>{t('workshops.format.label')}</dt>
        <dd>{t(`workshops.format.${workshop.format}`)}</dd>
      </div>
      {workshop.location && (
        <div>
          <dt>{t('workshops.location')}</dt>
          <dd>{workshop.location}</dd>
        </div>
      )}
      {workshop.languages.length > 0 && (
        <div>
          <dt>{t('workshops.languages')}</dt>
          <dd>{formatList(workshop.languages.map((tag) => languageName(tag, language)), language)}</dd>
        </div>
      )}
      {workshop.competences.length > 0 && (
        <div>
          <dt>{t('workshops.competence.label')}</dt>
          <dd>{formatList(workshop.competences.map(competences.label), language)}</dd>
        </div>
      )}
      <div>
        <dt>{t('workshops.levels')}</dt>
        <dd>{t('workshops.levelRange', { min: workshop.level_min, max: workshop.level_max })}</dd>
      </div>
      {workshop.requires_approval && (
        <div>
          <dt>{t('workshops.approval.label')}</dt>
          <dd>{t('workshops.approval.required')}</dd>
        </div>
      )}
    </dl>
  );
}

function WorkshopBody({ workshop }: { workshop: WorkshopDetail }) {
  const { t, i18n } = useTranslation();
  const description = pickText(workshop.body_html, i18n.language);
  const sessions = [...workshop.sessions].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  return (
    <>
      <p className="lead">
        <LocalizedText value={workshop.summary} />
      </p>
      <Facts workshop={workshop} />
      {description && (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{t('workshops.about')}</h2>
          <div
            className="workshop-description"
            {...(description.lang === i18n.language ? {} : { lang: description.lang })}
            // Rendered from Markdown and sanitised by the catalog service (an allow-list of tags), as lessons are.
            dangerouslySetInnerHTML={{ __html: description.text }}
          />
        </section>
      )}
      <section aria-labelledby="mentors-heading">
        <h2 id="mentors-heading">{t('workshops.mentors.label')}</h2>
        <MentorList mentors={workshop.mentors} />
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('workshops.sessions')}</h2>
        <p className="muted">{t('workshops.timesNote')}</p>
        {sessions.length === 0 ? (
          <p>{t('workshops.noUpcoming')}</p>
        ) : (
          <ul className="session-list">
            {sessions.map((session) => (
              <SessionPanel key={session.id} workshop={workshop} session={session} />
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link to="/workshops">{t('workshops.backToList')}</Link>
      </p>
    </>
  );
}

/** A workshop: what it is about, who leads it, and its sessions with registration. */
export function WorkshopRoute() {
  const { t, i18n } = useTranslation();
  const { itemId = '' } = useParams();
  const workshop = useWorkshop(itemId);

  if (workshop.isPending) {
    return (
      <Page title={t('workshops.workshop')}>
        <Loading label={t('workshops.loadingOne')} />
      </Page>
    );
  }
  if (workshop.isError) {
    return (
      <Page title={t('workshops.workshop')}>
        <QueryError title={t('workshops.loadOneFailed')} error={workshop.error} onRetry={() => void workshop.refetch()} />
        <p>
          <Link to="/workshops">{t('workshops.backToList')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={pickText(workshop.data.title, i18n.language)?.text ?? t('workshops.workshop')}>
      <WorkshopBody workshop={workshop.data} />
    </Page>
  );
}
