import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { ITEM_KINDS, isItemKind } from '@/api/catalog-terms';
import { useFramework } from '@/api/framework';
import { LanguageMarks } from '@/components/language-marks';
import { Loading } from '@/components/loading';
import { LocalizedText } from '@/components/localized-text';
import { Page } from '@/components/page';
import { Pagination } from '@/components/pagination';
import { ProblemAlert } from '@/components/problem-message';
import { QueryError } from '@/components/query-error';
import { SearchBox } from '@/components/search-box';
import { SelectField } from '@/components/select-field';
import { competenceOptions } from '@/lib/competences';
import { saveFile } from '@/lib/download';
import { formatDateTime } from '@/lib/format';
import { pageFrom, withFilter, withPage } from '@/lib/list-params';

import { exportItems } from '../api/imports';
import { ITEM_STATUSES, isItemStatus, useItems } from '../api/items';
import { EditorNav } from '../components/editor-nav';
import { statusLabel } from '../components/labels';

import '../components/catalog-editor.css';

const ANY = 'any';
const PAGE_SIZE = 20;
// The languages every published item needs its title and summary in.
const REQUIRED_LANGUAGES = ['en', 'lt'];

/** The catalog's items this editor may change: search, filter by status, kind and competence, page; new, import, export. */
export function ItemListRoute() {
  return <ItemList queue={false} />;
}

/** The items waiting for a reviewer (status in review). */
export function ReviewQueueRoute() {
  return <ItemList queue />;
}

function ItemList({ queue }: { queue: boolean }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const framework = useFramework();

  const statusParam = params.get('status');
  const status = queue ? 'in_review' : isItemStatus(statusParam) ? statusParam : undefined;
  const kindParam = params.get('kind');
  const kind = isItemKind(kindParam) ? kindParam : undefined;
  const competence = params.get('competence') ?? '';
  const q = params.get('q') ?? '';
  const page = pageFrom(params);
  const items = useItems({
    status: status ? [status] : [...ITEM_STATUSES],
    // Without it, published items of other organisations would be listed too: readable, not changeable.
    editable: true,
    ...(kind ? { kind } : {}),
    ...(competence ? { competence } : {}),
    ...(q ? { q } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const download = useMutation({
    mutationFn: () => exportItems({ ...(status ? { status } : {}), ...(kind ? { kind } : {}) }),
    onSuccess: (blob) => {
      saveFile(blob, `dla-catalog-${new Date().toISOString().slice(0, 10)}.csv`);
    },
  });
  const [search, setSearch] = useState(q);

  const setParam = (name: string, value: string) => {
    setParams(withFilter(params, name, value === ANY ? '' : value));
  };
  const competences = competenceOptions(framework.data, i18n.language);
  const competenceTitle = (code: string) => competences.find((c) => c.id === code)?.label ?? code;
  const filtered = Boolean((!queue && status) || kind || competence || q);

  let results;
  if (items.isPending) results = <Loading label={t('catalogEditor.list.loading')} />;
  else if (items.isError) {
    results = <QueryError title={t('catalogEditor.list.loadFailed')} error={items.error} onRetry={() => void items.refetch()} />;
  } else if (items.data.items.length === 0) {
    results = (
      <div className="empty-state">
        <h2>{queue ? t('catalogEditor.list.queueEmpty') : filtered ? t('catalogEditor.list.noMatches') : t('catalogEditor.list.empty')}</h2>
        {!queue && !filtered && (
          <p>
            <Link to="/editor/catalog/new">{t('catalogEditor.list.new')}</Link>{' '}
            <Link to="/editor/catalog/import">{t('catalogEditor.list.import')}</Link>
          </p>
        )}
      </div>
    );
  } else {
    const { data } = items;
    results = (
      <div aria-busy={items.isPlaceholderData}>
        <table className="table">
          <caption className="visually-hidden">{queue ? t('catalogEditor.nav.review') : t('catalogEditor.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalogEditor.fields.title')}</th>
              <th scope="col">{t('catalogEditor.fields.kind')}</th>
              <th scope="col">{t('catalogEditor.fields.status')}</th>
              <th scope="col">{t('catalogEditor.fields.competences')}</th>
              <th scope="col">{t('catalogEditor.list.texts')}</th>
              <th scope="col">{t('catalogEditor.list.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <Link to={`/editor/catalog/${item.id}`}>
                    <LocalizedText value={item.title} />
                  </Link>
                </th>
                <td>{t(`catalogEditor.kinds.${item.kind}`)}</td>
                <td>{statusLabel(item.status, t)}</td>
                <td>
                  {item.competence_levels.length === 0
                    ? '—'
                    : item.competence_levels.map((tag) => (
                        <span key={tag.code} className="competence-tag" title={competenceTitle(tag.code)}>
                          {t('catalogEditor.list.tag', { code: tag.code, from: tag.level_min, to: tag.level_max })}
                        </span>
                      ))}
                </td>
                <td>
                  <LanguageMarks
                    languages={REQUIRED_LANGUAGES}
                    // A published item needs its title and summary in each.
                    isComplete={(language) => Boolean(item.title[language] && item.summary[language])}
                    missing={(code) => t('catalogEditor.list.missing', { code })}
                    missingLong={(language) => t('catalogEditor.list.missingLong', { language })}
                  />
                </td>
                <td>{formatDateTime(item.updated_at, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination
          offset={data.offset}
          limit={data.limit}
          total={data.total}
          onChange={(offset) => {
            setParams(withPage(params, offset, PAGE_SIZE));
          }}
        />
      </div>
    );
  }

  return (
    <Page title={queue ? t('catalogEditor.list.queueTitle') : t('catalogEditor.list.title')}>
      <EditorNav />
      <div className="toolbar">
        <p>{queue ? t('catalogEditor.list.queueIntro') : t('catalogEditor.list.intro')}</p>
        <div className="toolbar__actions">
          <Link to="/editor/catalog/new" className="button-link">
            {t('catalogEditor.list.new')}
          </Link>
          {!queue && (
            <>
              <Link to="/editor/catalog/import" className="button-link button-link--secondary">
                {t('catalogEditor.list.import')}
              </Link>
              <Button className="react-aria-Button button--secondary" isPending={download.isPending} onPress={() => { download.mutate(); }}>
                {t('catalogEditor.list.export')}
              </Button>
            </>
          )}
        </div>
      </div>
      <div role="status">{download.isSuccess && <p className="notice">{t('catalogEditor.list.exported')}</p>}</div>
      {download.isError && <ProblemAlert error={download.error} title={t('catalogEditor.list.exportFailed')} />}

      <section aria-label={t('catalogEditor.list.filters')} className="filters">
        <SearchBox
          label={t('catalogEditor.list.search')}
          buttonLabel={t('catalogEditor.list.searchButton')}
          value={search}
          onChange={setSearch}
          onSearch={(query) => {
            setParam('q', query);
          }}
        />
        {!queue && (
          <SelectField
            label={t('catalogEditor.fields.status')}
            value={status ?? ANY}
            options={[
              { id: ANY, label: t('catalogEditor.list.anyStatus') },
              ...ITEM_STATUSES.map((s) => ({ id: s, label: statusLabel(s, t) })),
            ]}
            onChange={(value) => {
              setParam('status', value);
            }}
          />
        )}
        <SelectField
          label={t('catalogEditor.fields.kind')}
          value={kind ?? ANY}
          options={[
            { id: ANY, label: t('catalogEditor.list.anyKind') },
            ...ITEM_KINDS.map((k) => ({ id: k, label: t(`catalogEditor.kinds.${k}`) })),
          ]}
          onChange={(value) => {
            setParam('kind', value);
          }}
        />
        <SelectField
          label={t('catalogEditor.fields.competence')}
          value={competence || ANY}
          options={[
            { id: ANY, label: t('catalogEditor.list.anyCompetence') },
            ...competences,
          ]}
          onChange={(value) => {
            setParam('competence', value);
          }}
        />
      </section>

      {results}
    </Page>
  );
}
