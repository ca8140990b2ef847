import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';

import type { Framework } from '@/api/framework';
import { Loading } from '@/components/loading';
import { LocalizedText } from '@/components/localized-text';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { pickText } from '@/lib/localized-text';

import { useFramework, useResult } from '../api/results';
import type { AreaResult, ResultDetail } from '../api/types';
import { LevelRange } from '../components/level-range';
import { RadarChart } from '../components/radar-chart';
import { ReviewList } from '../components/review-list';
import '../components/assessment.css';

function levelOf(framework: Framework, level: number) {
  return framework.levels.find((candidate) => candidate.level === level);
}

function AreaTable({ areas, framework }: { areas: readonly AreaResult[]; framework: Framework }) {
  const { t } = useTranslation();
  return (
    <table className="table result-table">
      <caption>{t('assessment.results.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('assessment.results.area')}</th>
          <th scope="col">{t('assessment.results.level')}</th>
          <th scope="col">{t('assessment.results.range')}</th>
        </tr>
      </thead>
      <tbody>
        {areas.map((area) => {
          const title = framework.areas.find((candidate) => candidate.code === area.code)?.title;
          const level = levelOf(framework, area.level);
          return (
            <tr key={area.code}>
              <th scope="row">
                {area.code}. {title && <LocalizedText value={title} />}
              </th>
              <td>
                {area.level}
                {level && (
                  <>
                    {' '}
                    (<LocalizedText value={level.name} />)
                  </>
                )}
              </td>
              <td>{t('assessment.results.rangeValue', { low: area.level_low, high: area.level_high })}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function AreaMeaning({ area, result, framework }: { area: AreaResult; result: ResultDetail; framework: Framework }) {
  const { t, i18n } = useTranslation();
  const frameworkArea = framework.areas.find((candidate) => candidate.code === area.code);
  const current = levelOf(framework, area.level);
  const next = levelOf(framework, area.level + 1);
  const competences = result.competences.filter((competence) => competence.area === area.code);
  const competenceTitle = (code: string) => {
    const found = frameworkArea?.competences.find((competence) => competence.code === code);
    return found ? `${code} ${pickText(found.title, i18n.language)?.text ?? ''}` : code;
  };
  return (
    <section className="area-meaning" aria-labelledby={`area-${area.code}`}>
      <h3 id={`area-${area.code}`}>{frameworkArea ? <LocalizedText value={frameworkArea.title} /> : area.code}</h3>
      {current && (
        <p>
          <strong>{t('assessment.results.youCan', { level: area.level })}</strong> <LocalizedText value={current.description} />
        </p>
      )}
      {next ? (
        <p>
          <strong>{t('assessment.results.nextStep', { level: next.level })}</strong> <LocalizedText value={next.description} />
        </p>
      ) : (
        <p>{t('assessment.results.topLevel')}</p>
      )}
      {competences.length > 0 && (
        <ul className="competence-list" aria-label={t('assessment.results.competencesOf')}>
          {competences.map((competence) => (
            <li key={competence.code}>
              <LevelRange result={competence} label={competenceTitle(competence.code)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ResultView({ result, framework }: { result: ResultDetail; framework: Framework }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p>
        {t('assessment.results.meta', {
          date: formatDateTime(result.finished_at, i18n.language),
          items: result.items_answered,
        })}
      </p>
      {!result.complete && <p className="notice">{t('assessment.results.incomplete')}</p>}
      <div className="result-actions no-print">
        <Button
          onPress={() => {
            window.print();
          }}
        >
          {t('assessment.results.print')}
        </Button>
        <Link to="/assessment/history">{t('assessment.results.history')}</Link>
      </div>
      <section aria-labelledby="overview-heading" className="result-overview">
        <h2 id="overview-heading">{t('assessment.results.overview')}</h2>
        <p>{t('assessment.results.scaleHint')}</p>
        <div className="result-overview__body">
          <RadarChart areas={result.areas} framework={framework} />
          <AreaTable areas={result.areas} framework={framework} />
        </div>
      </section>
      <section aria-labelledby="meaning-heading">
        <h2 id="meaning-heading">{t('assessment.results.meaning')}</h2>
        <p>{t('assessment.results.rangeHint')}</p>
        {result.areas.map((area) => (
          <AreaMeaning key={area.code} area={area} result={result} framework={framework} />
        ))}
      </section>
      <section aria-labelledby="review-heading">
        <h2 id="review-heading">{t('assessment.review.title')}</h2>
        <p>{t('assessment.review.intro')}</p>
        <ReviewList review={result.review} language={result.language} />
      </section>
    </>
  );
}

/** One result: levels per area as a chart and a table, what they mean, and the review of the answers. */
export function ResultsRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const result = useResult(id);
  const framework = useFramework(result.data?.framework);

  const body = () => {
    if (result.isError) {
      return <QueryError title={t('assessment.results.loadFailed')} error={result.error} onRetry={() => void result.refetch()} />;
    }
    if (framework.isError) {
      return (
        <QueryError title={t('assessment.results.loadFailed')} error={framework.error} onRetry={() => void framework.refetch()} />
      );
    }
    if (result.isPending || framework.isPending) return <Loading label={t('assessment.results.loading')} />;
    return <ResultView result={result.data} framework={framework.data} />;
  };

  return (
    <Page title={t('assessment.results.title')}>
      <div className="result-page">{body()}</div>
    </Page>
  );
}
