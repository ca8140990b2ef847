import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';
import { saveFile } from '@/lib/download';

import { downloadMyData, eraseMyAccount } from '../api';

/** The person's rights over their data: a copy of it, and erasure. */
export function MyDataRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);

  const download = useMutation({
    mutationFn: downloadMyData,
    onSuccess: (blob) => {
      saveFile(blob, `dla-my-data-${new Date().toISOString().slice(0, 10)}.json`);
    },
  });
  const erase = useMutation({
    mutationFn: eraseMyAccount,
    onSuccess: async () => {
      setConfirming(false);
      queryClient.clear();
      // The next page forgets the session: from here, a signed-out person would be sent to sign in again.
      await navigate('/account-erased', { replace: true, state: { erased: true } });
    },
  });

  return (
    <Page title={t('myData.title')}>
      <p className="lead">{t('myData.intro')}</p>

      <section aria-labelledby="download-heading" className="panel">
        <h2 id="download-heading">{t('myData.download.title')}</h2>
        <p>{t('myData.download.body')}</p>
        <Button isPending={download.isPending} onPress={() => { download.mutate(); }}>
          {t('myData.download.button')}
        </Button>
        <div role="status">{download.isSuccess && <p className="notice">{t('myData.download.done')}</p>}</div>
        {download.isError && <ProblemAlert error={download.error} title={t('myData.download.failed')} />}
      </section>

      <section aria-labelledby="erase-heading" className="panel panel--danger">
        <h2 id="erase-heading">{t('myData.erase.title')}</h2>
        <p>{t('myData.erase.body')}</p>
        <Button className="react-aria-Button button--danger" onPress={() => { erase.reset(); setConfirming(true); }}>
          {t('myData.erase.button')}
        </Button>
      </section>

      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={setConfirming}
        title={t('myData.erase.confirmTitle')}
        confirmLabel={t('myData.erase.confirm')}
        destructive
        isPending={erase.isPending}
        onConfirm={() => { erase.mutate(); }}
      >
        <p>{t('myData.erase.consequencesLead')}</p>
        <ul>
          <li>{t('myData.erase.consequences.profile')}</li>
          <li>{t('myData.erase.consequences.results')}</li>
          <li>{t('myData.erase.consequences.signOut')}</li>
          <li>{t('myData.erase.consequences.audit')}</li>
        </ul>
        <p>
          <strong>{t('myData.erase.final')}</strong>
        </p>
        {erase.isError && <ProblemAlert error={erase.error} title={t('myData.erase.failed')} />}
      </ConfirmDialog>
    </Page>
  );
}
