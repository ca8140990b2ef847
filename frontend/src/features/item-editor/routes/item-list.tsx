import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { useFramework } from '@/api/framework';
import { LanguageMarks } from '@/components/language-marks';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { Pagination } from '@/components/pagination';
import { QueryError } from '@/components/query-error';
import { SearchBox } from '@/components/search-box';
import { SelectField } from '@/components/select-field';
import { LANGUAGES } from '@/config/languages';
import { competenceOptions } from '@/lib/competences';
import { contentLanguageName } from '@/lib/language-names';
import { pageFrom, withFilter, withPage } from '@/lib/list-params';

import { ITEM_TYPES, VERSION_STATUSES, isItemType, isVersionStatus, useItems } from '../api/items';
import { EditorNav } from '../components/editor-nav';
import { statusLabel } from '../components/labels';

import '../components/item-editor.css';

const ANY = 'any';
const PAGE_SIZE = 20;
const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8];

/** The whole item bank: filter, search, page; open an item or write a new one. */
export function ItemListRoute() {
  return <ItemList queue={false} />;
}

/** The versions waiting for a reviewer (status in review). */
export function ReviewQueueRoute() {
  return <ItemList queue />;
}

function ItemList({ queue }: { queue: boolean }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const framework = useFramework();

  const statusParam = params.get('status');
  const status = queue ? 'in_review' : isVersionStatus(statusParam) ? statusParam : undefined;
  const typeParam = params.get('type');
  const type = isItemType(typeParam) ? typeParam : undefined;
  const competence = params.get('competence') ?? '';
  const language = params.get('language') ?? '';
  const levelParam = Number(params.get('level'));
  const level = LEVELS.includes(levelParam) ? levelParam : undefined;
  const q = params.get('q') ?? '';
  const page = pageFrom(params);
  const items = useItems({
    ...(status ? { status } : {}),
    ...(type ? { type } : {}),
    ...(competence ? { competence } : {}),
    ...(level ? { level } : {}),
    ...(language ? { language } : {}),
    ...(q ? { q } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const [search, setSearch] = useState(q);

  const setParam = (name: string, value: string) => {
    setParams(withFilter(params, name, value === ANY ? '' : value));
  };

  const competences = competenceOptions(framework.data, i18n.language);
  const competenceTitle = (code: string) => competences.find((c) => c.id === code)?.label ?? code;

  let results;
  if (items.isPending) results = <Loading label={t('itemEditor.list.loading')} />;
  else if (items.isError) {
    results = <QueryError title={t('itemEditor.list.loadFailed')} error={items.error} onRetry={() => void items.refetch()} />;
  } else if (items.data.items.length === 0) {
    results = (
      <div className="empty-state">
        <h2>{queue ? t('itemEditor.list.queueEmpty') : t('itemEditor.list.empty')}</h2>
      </div>
    );
  } else {
    const { data } = items;
    results = (
      <div aria-busy={items.isPlaceholderData}>
        <table className="table">
          <caption className="visually-hidden">{queue ? t('itemEditor.nav.review') : t('itemEditor.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('itemEditor.fields.key')}</th>
              <th scope="col">{t('itemEditor.fields.competence')}</th>
              <th scope="col">{t('itemEditor.fields.level')}</th>
              <th scope="col">{t('itemEditor.fields.type')}</th>
              <th scope="col">{t('itemEditor.fields.status')}</th>
              <th scope="col">{t('itemEditor.fields.languages')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <Link to={`/editor/items/${item.id}`}>{item.key}</Link>
                </th>
                <td>{competenceTitle(item.competence)}</td>
                <td>{item.level}</td>
                <td>{t(`itemEditor.types.${item.type}`)}</td>
                <td>{statusLabel(item.status, t)}</td>
                <td>
                  <LanguageMarks
                    languages={LANGUAGES}
                    // The languages the newest version is complete in; learners are served only those.
                    isComplete={(language) => item.languages.includes(language)}
                    missing={(code) => t('itemEditor.list.missing', { code })}
                    missingLong={(language) => t('itemEditor.list.missingLong', { language })}
                  />
                </td>
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
    <Page title={queue ? t('itemEditor.list.queueTitle') : t('itemEditor.list.title')}>
      <EditorNav />
      <div className="toolbar">
        <p>{queue ? t('itemEditor.list.queueIntro') : t('itemEditor.list.intro')}</p>
        <Link to="/editor/items/new" className="button-link">
          {t('itemEditor.list.new')}
        </Link>
      </div>

      <section aria-label={t('itemEditor.list.filters')} className="filters">
        <SearchBox
          label={t('itemEditor.list.search')}
          buttonLabel={t('itemEditor.list.searchButton')}
          value={search}
          onChange={setSearch}
          onSearch={(query) => {
            setParam('q', query);
          }}
        />
        {!queue && (
          <SelectField
            label={t('itemEditor.fields.status')}
            value={status ?? ANY}
            options={[
              { id: ANY, label: t('itemEditor.list.anyStatus') },
              ...VERSION_STATUSES.map((s) => ({ id: s, label: statusLabel(s, t) })),
            ]}
            onChange={(value) => {
              setParam('status', value);
            }}
          />
        )}
        <SelectField
          label={t('itemEditor.fields.competence')}
          value={competence || ANY}
          options={[
            { id: ANY, label: t('itemEditor.list.anyCompetence') },
            ...competences,
          ]}
          onChange={(value) => {
            setParam('competence', value);
          }}
        />
        <SelectField
          label={t('itemEditor.fields.type')}
          value={type ?? ANY}
          options={[
            { id: ANY, label: t('itemEditor.list.anyType') },
            ...ITEM_TYPES.map((s) => ({ id: s, label: t(`itemEditor.types.${s}`) })),
          ]}
          onChange={(value) => {
            setParam('type', value);
          }}
        />
        <SelectField
          label={t('itemEditor.fields.level')}
          value={level ? String(level) : ANY}
          options={[
            { id: ANY, label: t('itemEditor.list.anyLevel') },
            ...LEVELS.map((l) => ({ id: String(l), label: String(l) })),
          ]}
          onChange={(value) => {
            setParam('level', value);
          }}
        />
        <SelectField
          label={t('itemEditor.list.completeIn')}
          value={language || ANY}
          options={[
            { id: ANY, label: t('itemEditor.list.anyLanguage') },
            ...LANGUAGES.map((l) => ({ id: l, label: contentLanguageName(l, i18n.language) })),
          ]}
          onChange={(value) => {
            setParam('language', value);
          }}
        />
      </section>

      {results}
    </Page>
  );
}
