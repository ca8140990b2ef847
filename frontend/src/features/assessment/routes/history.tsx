import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

import { FRAMEWORK_KEY } from '@/api/framework';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { pickText } from '@/lib/localized-text';

import { useFramework, useResults } from '../api/results';
import type { ResultListItem } from '../api/types';
import { GrowthChart } from '../components/growth-chart';
import '../components/assessment.css';

function signed(value: number): string {
  return value > 0 ? `+${String(value)}` : String(value);
}

function HistoryTable({ results, areaTitle }: { results: readonly ResultListItem[]; areaTitle: (code: string) => string }) {
  const { t, i18n } = useTranslation();
  const first = results[0];
  const last = results.at(-1);
  const codes = first?.areas.map((area) => area.code) ?? [];
  const levelIn = (result: ResultListItem, code: string) => result.areas.find((area) => area.code === code)?.level;
  return (
    <table className="table">
      <caption>{t('assessment.history.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('assessment.history.test')}</th>
          {codes.map((code) => (
            <th key={code} scope="col">
              {areaTitle(code)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {results.map((result, index) => (
          <tr key={result.id}>
            <th scope="row">
              <Link to={`/assessment/results/${result.id}`}>
                {t('assessment.history.testNumber', { number: index + 1, date: formatDateTime(result.finished_at, i18n.language) })}
              </Link>
            </th>
            {codes.map((code) => (
              <td key={code}>{levelIn(result, code) ?? '–'}</td>
            ))}
          </tr>
        ))}
      </tbody>
      {first && last && results.length > 1 && (
        <tfoot>
          <tr>
            <th scope="row">{t('assessment.history.growth')}</th>
            {codes.map((code) => {
              const from = levelIn(first, code);
              const to = levelIn(last, code);
              return <td key={code}>{from === undefined || to === undefined ? '–' : signed(to - from)}</td>;
            })}
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Past results, oldest first, with how each area grew over the retakes. */
export function HistoryRoute() {
  const { t, i18n } = useTranslation();
  const results = useResults();
  const framework = useFramework(FRAMEWORK_KEY);
  const areaTitle = (code: string) => {
    const area = framework.data?.areas.find((candidate) => candidate.code === code);
    return area ? (pickText(area.title, i18n.language)?.text ?? code) : code;
  };

  const body = () => {
    if (results.isPending) return <Loading label={t('assessment.history.loading')} />;
    if (results.isError) {
      return <QueryError title={t('assessment.history.loadFailed')} error={results.error} onRetry={() => void results.refetch()} />;
    }
    if (results.data.items.length === 0) {
      return (
        <div className="empty-state">
          <h2>{t('assessment.history.emptyTitle')}</h2>
          <p>
            <Link to="/assessment">{t('assessment.history.takeTest')}</Link>
          </p>
        </div>
      );
    }
    const oldestFirst = [...results.data.items].reverse();
    return (
      <>
        {oldestFirst.length === 1 && <p>{t('assessment.history.onlyOne')}</p>}
        {oldestFirst.length > 1 && <p>{t('assessment.history.chartHint')}</p>}
        <GrowthChart results={oldestFirst} areaTitle={areaTitle} />
        <HistoryTable results={oldestFirst} areaTitle={areaTitle} />
        <p>
          <Link to="/assessment">{t('assessment.history.backToTest')}</Link>
        </p>
      </>
    );
  };

  return <Page title={t('assessment.history.title')}>{body()}</Page>;
}
