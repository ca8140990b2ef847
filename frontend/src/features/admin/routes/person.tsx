import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';
import { QueryError } from '@/components/query-error';

import { personQueryOptions, setPersonStatus, updatePerson, type Person, type PersonPatch } from '../api/people';
import { OrganisationPicker } from '../components/organisation-picker';
import { PersonPicker } from '../components/person-picker';
import { roleLabel } from '../components/role-label';
import { RolesEditor } from '../components/roles-editor';
import { useOrganisations } from '../components/use-organisations';

/** One person: where they work, who they report to, whether they may sign in, and their roles. */
export function PersonRoute() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const person = useQuery(personQueryOptions(personId));

  if (person.isPending) {
    return (
      <Page title={t('person.loadingTitle')}>
        <Loading label={t('person.loading')} />
      </Page>
    );
  }
  if (person.isError) {
    return (
      <Page title={t('person.loadingTitle')}>
        <QueryError title={t('person.loadFailed')} error={person.error} onRetry={() => void person.refetch()} />
        <p>
          <Link to="/admin/people">{t('person.back')}</Link>
        </p>
      </Page>
    );
  }
  // Keyed by id so the editors start again from the stored values when another person is opened.
  return <PersonDetails key={person.data.id} person={person.data} />;
}

function PersonDetails({ person }: { person: Person }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { nameById } = useOrganisations();
  const [unit, setUnit] = useState(person.unit_id);
  const [supervisor, setSupervisor] = useState<Person | null>(null);
  const [confirmSuspend, setConfirmSuspend] = useState(false);
  const suspended = person.status === 'suspended';
  const currentSupervisor = useQuery({
    ...personQueryOptions(person.supervisor_id ?? ''),
    enabled: person.supervisor_id !== null,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['identity', 'people'] });
  const patch = useMutation({
    mutationFn: (change: PersonPatch) => updatePerson(person.id, change),
    onSuccess: refresh,
  });
  const status = useMutation({
    mutationFn: (action: 'suspend' | 'reactivate') => setPersonStatus(person.id, action),
    onSuccess: async () => {
      setConfirmSuspend(false);
      await refresh();
    },
  });

  return (
    <Page title={person.display_name}>
      <p>
        <Link to="/admin/people">{t('person.back')}</Link>
      </p>
      <dl className="facts">
        <div>
          <dt>{t('fields.email')}</dt>
          <dd>{person.email}</dd>
        </div>
        <div>
          <dt>{t('people.unit')}</dt>
          <dd>{nameById(person.unit_id)}</dd>
        </div>
        <div>
          <dt>{t('person.placement.supervisor')}</dt>
          <dd>{person.supervisor_id ? (currentSupervisor.data?.display_name ?? '…') : t('profile.noSupervisor')}</dd>
        </div>
        <div>
          <dt>{t('people.roles')}</dt>
          <dd>{person.roles.map((role) => roleLabel(role, t)).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('people.status.label')}</dt>
          <dd>{suspended ? t('people.status.suspended') : t('people.status.active')}</dd>
        </div>
      </dl>

      <section aria-labelledby="placement-heading" className="panel">
        <h2 id="placement-heading">{t('person.placement.title')}</h2>
        <div className="inline-form">
          <OrganisationPicker label={t('person.placement.unit')} value={unit} onChange={setUnit} />
          <Button
            isDisabled={!unit || unit === person.unit_id}
            isPending={patch.isPending && patch.variables.unit_id !== undefined}
            onPress={() => {
              patch.mutate({ unit_id: unit });
            }}
          >
            {t('person.placement.move')}
          </Button>
        </div>
        <div className="inline-form">
          <PersonPicker
            label={t('person.placement.supervisor')}
            description={t('person.placement.supervisorHint')}
            excludeId={person.id}
            onChange={setSupervisor}
          />
          <Button
            isDisabled={!supervisor}
            onPress={() => {
              if (supervisor) patch.mutate({ supervisor_id: supervisor.id });
            }}
          >
            {t('person.placement.setSupervisor')}
          </Button>
          {person.supervisor_id && (
            <Button
              className="react-aria-Button button--secondary"
              onPress={() => {
                patch.mutate({ supervisor_id: null });
              }}
            >
              {t('person.placement.removeSupervisor')}
            </Button>
          )}
        </div>
        <div role="status">{patch.isSuccess && <p className="notice">{t('person.placement.saved')}</p>}</div>
        {patch.isError && <ProblemAlert error={patch.error} title={t('person.placement.failed')} />}
      </section>

      <section aria-labelledby="access-heading" className="panel">
        <h2 id="access-heading">{t('person.access.title')}</h2>
        <p>{suspended ? t('person.access.suspendedBody') : t('person.access.activeBody')}</p>
        {suspended ? (
          <Button isPending={status.isPending} onPress={() => { status.mutate('reactivate'); }}>
            {t('person.access.reactivate')}
          </Button>
        ) : (
          <Button className="react-aria-Button button--danger" onPress={() => { status.reset(); setConfirmSuspend(true); }}>
            {t('person.access.suspend')}
          </Button>
        )}
        {status.isError && !confirmSuspend && <ProblemAlert error={status.error} title={t('person.access.failed')} />}
      </section>

      <RolesEditor person={person} />

      <ConfirmDialog
        isOpen={confirmSuspend}
        onOpenChange={setConfirmSuspend}
        title={t('person.access.confirmTitle', { name: person.display_name })}
        confirmLabel={t('person.access.confirm')}
        destructive
        isPending={status.isPending}
        onConfirm={() => { status.mutate('suspend'); }}
      >
        <p>{t('person.access.confirmBody')}</p>
        {status.isError && <ProblemAlert error={status.error} title={t('person.access.failed')} />}
      </ConfirmDialog>
    </Page>
  );
}
