import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';

import { clientsQueryOptions, revokeApiClient, rotateSecret, type ApiClient, type ClientWithSecret } from '../api/clients';
import { CreateClientDialog } from '../components/create-client-dialog';
import { SecretDialog } from '../components/secret-dialog';
import { useOrganisations } from '../components/use-organisations';

type Pending = { action: 'rotate' | 'revoke'; client: ApiClient } | null;

/** Machine credentials for HR systems: create (secret shown once), rotate the secret, revoke. */
export function ClientsRoute() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const clients = useQuery(clientsQueryOptions());
  const { nameById } = useOrganisations();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<ClientWithSecret | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const act = useMutation({
    mutationFn: async ({ action, client }: NonNullable<Pending>) =>
      action === 'rotate' ? rotateSecret(client.id) : (await revokeApiClient(client.id), null),
    onSuccess: async (result) => {
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: ['identity', 'clients'] });
      if (result) setSecret(result);
    },
  });

  let body;
  if (clients.isPending) body = <Loading label={t('clients.loading')} />;
  else if (clients.isError) {
    body = <QueryError title={t('clients.loadFailed')} error={clients.error} onRetry={() => void clients.refetch()} />;
  } else if (clients.data.items.length === 0) {
    body = (
      <div className="empty-state">
        <h2>{t('clients.empty')}</h2>
      </div>
    );
  } else {
    body = (
      <table className="table">
        <caption className="visually-hidden">{t('clients.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clients.name')}</th>
            <th scope="col">{t('clients.clientId')}</th>
            <th scope="col">{t('clients.organisation')}</th>
            <th scope="col">{t('clients.scopes')}</th>
            <th scope="col">{t('clients.status.label')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {clients.data.items.map((client) => {
            const revoked = client.status === 'revoked' || Boolean(client.revoked_at);
            return (
              <tr key={client.id}>
                <th scope="row">{client.name}</th>
                <td>
                  <code>{client.client_id}</code>
                </td>
                <td>{nameById(client.organisation_id)}</td>
                <td>{client.scopes.join(' ')}</td>
                <td>
                  {revoked ? t('clients.status.revoked') : t('clients.status.active')}
                  {client.created_at && (
                    <span className="muted"> · {t('clients.created', { date: formatDateTime(client.created_at, i18n.language) })}</span>
                  )}
                </td>
                <td className="actions">
                  {!revoked && (
                    <>
                      <Button
                        className="react-aria-Button button--secondary"
                        aria-label={t('clients.rotateFor', { name: client.name })}
                        onPress={() => {
                          act.reset();
                          setPending({ action: 'rotate', client });
                        }}
                      >
                        {t('clients.rotate')}
                      </Button>
                      <Button
                        className="react-aria-Button button--danger"
                        aria-label={t('clients.revokeFor', { name: client.name })}
                        onPress={() => {
                          act.reset();
                          setPending({ action: 'revoke', client });
                        }}
                      >
                        {t('clients.revoke')}
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }

  return (
    <Page title={t('clients.title')}>
      <div className="toolbar">
        <p>{t('clients.intro')}</p>
        <Button
          onPress={() => {
            setCreating(true);
          }}
        >
          {t('clients.create.open')}
        </Button>
      </div>
      {body}

      <CreateClientDialog
        isOpen={creating}
        onOpenChange={setCreating}
        onCreated={(created) => {
          setCreating(false);
          setSecret(created);
        }}
      />
      <ConfirmDialog
        isOpen={pending !== null}
        onOpenChange={(open) => {
          if (!open) setPending(null);
        }}
        title={
          pending?.action === 'revoke'
            ? t('clients.confirmRevoke.title', { name: pending.client.name })
            : t('clients.confirmRotate.title', { name: pending?.client.name ?? '' })
        }
        confirmLabel={pending?.action === 'revoke' ? t('clients.revoke') : t('clients.rotate')}
        destructive
        isPending={act.isPending}
        onConfirm={() => {
          if (pending) act.mutate(pending);
        }}
      >
        <p>{pending?.action === 'revoke' ? t('clients.confirmRevoke.body') : t('clients.confirmRotate.body')}</p>
        {act.isError && <ProblemAlert error={act.error} title={t('clients.actionFailed')} />}
      </ConfirmDialog>
      <SecretDialog
        secret={secret}
        onClose={() => {
          setSecret(null);
        }}
      />
    </Page>
  );
}
