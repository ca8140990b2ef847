import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { Pagination } from '@/components/pagination';
import { ProblemAlert } from '@/components/problem-message';
import { QueryError } from '@/components/query-error';
import { SearchBox } from '@/components/search-box';
import { SelectField } from '@/components/select-field';
import { pageFrom, withFilter, withPage } from '@/lib/list-params';

import { PAGE_SIZE } from '../api/page';
import { GLOBAL_ROLES, GRANT_ROLES, cancelInvitation, invitationsQueryOptions, peopleQueryOptions } from '../api/people';
import { InviteDialog } from '../components/invite-dialog';
import { OrganisationPicker } from '../components/organisation-picker';
import { roleLabel } from '../components/role-label';
import { useOrganisations } from '../components/use-organisations';

const ANY = 'any';
const STATUSES = ['active', 'suspended'] as const;

/** People the administrator governs: search, filter by unit, status and role, page; invite new people. */
export function PeopleRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState<string | null>(null);
  const { nameById } = useOrganisations();

  const q = params.get('q') ?? '';
  const unit = params.get('unit') ?? '';
  const status = params.get('status') ?? '';
  const role = params.get('role') ?? '';
  const page = pageFrom(params);
  const people = useQuery(
    peopleQueryOptions({
      q: q || undefined,
      unit_id: unit || undefined,
      status: status || undefined,
      role: role || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
  );

  const setParam = (name: string, value: string) => {
    setParams(withFilter(params, name, value));
  };
  const [search, setSearch] = useState(q);

  let results;
  if (people.isPending) results = <Loading label={t('people.loading')} />;
  else if (people.isError) {
    results = <QueryError title={t('people.loadFailed')} error={people.error} onRetry={() => void people.refetch()} />;
  } else if (people.data.items.length === 0) {
    results = (
      <div className="empty-state">
        <h2>{t('people.empty')}</h2>
      </div>
    );
  } else {
    const { data } = people;
    results = (
      <div aria-busy={people.isPlaceholderData}>
        <table className="table">
          <caption className="visually-hidden">{t('people.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('fields.email')}</th>
              <th scope="col">{t('people.unit')}</th>
              <th scope="col">{t('people.roles')}</th>
              <th scope="col">{t('people.status.label')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((person) => (
              <tr key={person.id}>
                <th scope="row">
                  <Link to={`/admin/people/${person.id}`}>{person.display_name}</Link>
                </th>
                <td>{person.email}</td>
                <td>{nameById(person.unit_id)}</td>
                <td>{person.roles.map((r) => roleLabel(r, t)).join(', ')}</td>
                <td>{STATUSES.includes(person.status as (typeof STATUSES)[number]) ? t(`people.status.${person.status as (typeof STATUSES)[number]}`) : person.status}</td>
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
    <Page title={t('people.title')}>
      <div className="toolbar">
        <p>{t('people.intro')}</p>
        <Button
          onPress={() => {
            setInvited(null);
            setInviting(true);
          }}
        >
          {t('people.invite.open')}
        </Button>
      </div>
      <div role="status">{invited && <p className="notice">{t('people.invite.sent', { email: invited })}</p>}</div>

      <section aria-label={t('people.filters')} className="filters">
        <SearchBox
          label={t('people.search')}
          buttonLabel={t('people.searchButton')}
          value={search}
          onChange={setSearch}
          onSearch={(query) => {
            setParam('q', query);
          }}
        />
        <OrganisationPicker
          label={t('people.unit')}
          emptyLabel={t('people.anyUnit')}
          value={unit}
          onChange={(id) => {
            setParam('unit', id);
          }}
        />
        <SelectField
          label={t('people.status.label')}
          value={status || ANY}
          options={[{ id: ANY, label: t('people.status.any') }, ...STATUSES.map((s) => ({ id: s, label: t(`people.status.${s}`) }))]}
          onChange={(value) => {
            setParam('status', value === ANY ? '' : value);
          }}
        />
        <SelectField
          label={t('people.role')}
          value={role || ANY}
          options={[
            { id: ANY, label: t('people.anyRole') },
            ...[...GLOBAL_ROLES, 'supervisor', ...GRANT_ROLES].map((r) => ({ id: r, label: roleLabel(r, t) })),
          ]}
          onChange={(value) => {
            setParam('role', value === ANY ? '' : value);
          }}
        />
      </section>

      {results}

      <Invitations nameById={nameById} />

      <InviteDialog
        isOpen={inviting}
        onOpenChange={setInviting}
        defaultUnit={unit}
        onInvited={(_, email) => {
          setInviting(false);
          setInvited(email);
        }}
      />
    </Page>
  );
}

function Invitations({ nameById }: { nameById: (id: string) => string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const invitations = useQuery(invitationsQueryOptions());
  const cancel = useMutation({
    mutationFn: cancelInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['identity', 'invitations'] }),
  });

  if (invitations.isPending || invitations.isError || invitations.data.items.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t('people.invitations.title')}</h2>
      {cancel.isError && <ProblemAlert error={cancel.error} title={t('people.invitations.cancelFailed')} />}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('fields.email')}</th>
            <th scope="col">{t('people.name')}</th>
            <th scope="col">{t('people.unit')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {invitations.data.items.map((invitation) => (
            <tr key={invitation.id}>
              <th scope="row">{invitation.email}</th>
              <td>{invitation.display_name}</td>
              <td>{nameById(invitation.unit_id)}</td>
              <td>
                <Button
                  className="react-aria-Button button--secondary"
                  aria-label={t('people.invitations.cancelFor', { email: invitation.email })}
                  isPending={cancel.isPending && cancel.variables === invitation.id}
                  onPress={() => {
                    cancel.mutate(invitation.id);
                  }}
                >
                  {t('people.invitations.cancel')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
