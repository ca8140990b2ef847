import { useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { Pagination } from '@/components/pagination';
import { QueryError } from '@/components/query-error';
import { TextInput } from '@/components/text-input';
import { formatDateTime } from '@/lib/format';
import { pageFrom, withPage } from '@/lib/list-params';

import { auditQueryOptions, type AuditEvent } from '../api/audit';
import { PAGE_SIZE } from '../api/page';

function detailsText(event: AuditEvent): string {
  const entries = Object.entries(event.details ?? {});
  return entries.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join('; ');
}

/** Who did what to whom: the audit log of sensitive actions, filtered by action and target, a page at a time. */
export function AuditRoute() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const action = params.get('action') ?? '';
  const target = params.get('target') ?? '';
  const page = pageFrom(params);
  const [draft, setDraft] = useState({ action, target });
  const events = useQuery(
    auditQueryOptions({
      action: action || undefined,
      target_id: target || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );

  const apply = (event: SyntheticEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.action.trim()) next.set('action', draft.action.trim());
    if (draft.target.trim()) next.set('target', draft.target.trim());
    setParams(next);
  };

  let body;
  if (events.isPending) body = <Loading label={t('audit.loading')} />;
  else if (events.isError) {
    body = <QueryError title={t('audit.loadFailed')} error={events.error} onRetry={() => void events.refetch()} />;
  } else if (events.data.items.length === 0) {
    body = (
      <div className="empty-state">
        <h2>{t('audit.empty')}</h2>
      </div>
    );
  } else {
    const { data } = events;
    body = (
      <div aria-busy={events.isPlaceholderData}>
        <table className="table">
          <caption className="visually-hidden">{t('audit.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((event) => (
              <tr key={event.id}>
                <td>{formatDateTime(event.occurred_at, i18n.language)}</td>
                <th scope="row">
                  <code>{event.action}</code>
                </th>
                <td>
                  {event.actor} <span className="muted">({event.actor_kind})</span>
                </td>
                <td>
                  {event.target_type} <code>{event.target_id}</code>
                </td>
                <td>{detailsText(event)}</td>
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
    <Page title={t('audit.title')}>
      <p>{t('audit.intro')}</p>
      <Form className="filters" aria-label={t('audit.filters')} onSubmit={apply}>
        <TextInput
          label={t('audit.action')}
          description={t('audit.actionHint')}
          name="action"
          value={draft.action}
          onChange={(value) => {
            setDraft((current) => ({ ...current, action: value }));
          }}
        />
        <TextInput
          label={t('audit.targetId')}
          name="target"
          value={draft.target}
          onChange={(value) => {
            setDraft((current) => ({ ...current, target: value }));
          }}
        />
        <div className="filters__submit">
          <Button type="submit">{t('audit.apply')}</Button>
        </div>
      </Form>
      {body}
    </Page>
  );
}
