import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { Pagination } from '@/components/pagination';
import { QueryError } from '@/components/query-error';
import { useSession } from '@/lib/auth-context';
import { pageFrom, withFilter, withPage } from '@/lib/list-params';

import type { WorkshopPage, WorkshopsQuery } from '../api/types';
import { useWorkshops } from '../api/workshops';
import { firstMonth, WorkshopCalendar } from '../components/workshop-calendar';
import { WorkshopCard } from '../components/workshop-card';
import { isFormat, WorkshopFilters, type WorkshopFilterValues } from '../components/workshop-filters';
import { monthKey, parseMonth } from '../components/vilnius-time';
import '../components/workshops.css';

export const PAGE_SIZE = 10;
/** The calendar shows every upcoming session at once; the API's largest page. */
const CALENDAR_LIMIT = 100;
const COMPETENCE = /^[1-9]\.[1-9]$/;

type View = 'list' | 'calendar';

function readFilters(params: URLSearchParams): WorkshopFilterValues {
  const format = params.get('format');
  const competence = params.get('competence');
  return {
    format: isFormat(format) ? format : undefined,
    competence: competence && COMPETENCE.test(competence) ? competence : undefined,
  };
}

function ViewSwitch({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const { t } = useTranslation();
  return (
    <ToggleButtonGroup
      className="view-switch"
      aria-label={t('workshops.view.label')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[view]}
      onSelectionChange={(keys) => {
        const [next] = keys;
        onChange(next === 'calendar' ? 'calendar' : 'list');
      }}
    >
      <ToggleButton id="list">{t('workshops.view.list')}</ToggleButton>
      <ToggleButton id="calendar">{t('workshops.view.calendar')}</ToggleButton>
    </ToggleButtonGroup>
  );
}

function Results({
  workshops,
  hasFilters,
  onClearFilters,
  children,
}: {
  workshops: UseQueryResult<WorkshopPage>;
  hasFilters: boolean;
  onClearFilters: () => void;
  children: (page: WorkshopPage) => ReactNode;
}) {
  const { t } = useTranslation();
  if (workshops.isPending) return <Loading label={t('workshops.loading')} />;
  if (workshops.isError) {
    return <QueryError title={t('workshops.loadFailed')} error={workshops.error} onRetry={() => void workshops.refetch()} />;
  }
  if (workshops.data.items.length === 0) {
    return (
      <div className="empty-state">
        <h2>{t('workshops.empty')}</h2>
        {hasFilters ? (
          <>
            <p>{t('workshops.emptyHint')}</p>
            <Button onPress={onClearFilters}>{t('workshops.clearFilters')}</Button>
          </>
        ) : (
          <p>{t('workshops.emptyLater')}</p>
        )}
      </div>
    );
  }
  return <div aria-busy={workshops.isPlaceholderData}>{children(workshops.data)}</div>;
}

/** The DLA Forums: workshops with upcoming sessions, as a list or a month calendar, filtered by format and competence. */
export function WorkshopsRoute() {
  const { t } = useTranslation();
  const { status } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const view: View = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const page = pageFrom(params);
  const query: WorkshopsQuery = {
    upcoming: true,
    limit: view === 'calendar' ? CALENDAR_LIMIT : PAGE_SIZE,
    offset: view === 'calendar' ? 0 : (page - 1) * PAGE_SIZE,
    ...(filters.format ? { format: filters.format } : {}),
    ...(filters.competence ? { competence: filters.competence } : {}),
  };
  const workshops = useWorkshops(query);

  const setFilters = (next: WorkshopFilterValues) => {
    let nextParams = withFilter(params, 'format', next.format ?? '');
    nextParams = withFilter(nextParams, 'competence', next.competence ?? '');
    setParams(nextParams);
  };

  return (
    <Page title={t('workshops.title')}>
      <p className="lead">{t('workshops.intro')}</p>
      {status === 'signed-in' && (
        <p>
          <Link to="/me/registrations">{t('workshops.myLink')}</Link>
        </p>
      )}
      <div className="toolbar">
        <WorkshopFilters value={filters} onChange={setFilters} />
        <ViewSwitch
          view={view}
          onChange={(next) => {
            const nextParams = withFilter(params, 'view', next === 'calendar' ? 'calendar' : '');
            nextParams.delete('month');
            setParams(nextParams);
          }}
        />
      </div>
      <p className="muted">{t('workshops.timesNote')}</p>
      <Results
        workshops={workshops}
        hasFilters={filters.format !== undefined || filters.competence !== undefined}
        onClearFilters={() => {
          setParams(view === 'calendar' ? new URLSearchParams({ view }) : new URLSearchParams());
        }}
      >
        {(data) =>
          view === 'calendar' ? (
            <WorkshopCalendar
              workshops={data.items}
              month={parseMonth(params.get('month')) ?? firstMonth(data.items)}
              onMonthChange={(month) => {
                const next = new URLSearchParams(params);
                next.set('month', monthKey(month));
                setParams(next);
              }}
            />
          ) : (
            <>
              {workshops.isPlaceholderData && <Loading label={t('workshops.loading')} />}
              <ul className="item-list">
                {data.items.map((workshop) => (
                  <WorkshopCard key={workshop.item_id} workshop={workshop} />
                ))}
              </ul>
              <Pagination
                offset={data.offset}
                limit={data.limit}
                total={data.total}
                onChange={(offset) => {
                  setParams(withPage(params, offset, PAGE_SIZE));
                }}
              />
            </>
          )
        }
      </Results>
    </Page>
  );
}
