import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ApiProblem } from '@/api/problem';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { NoteDialog } from '@/components/note-dialog';
import { ProblemAlert } from '@/components/problem-message';
import { pickText } from '@/lib/localized-text';

import { useItemVersions, useWorkflow, type ItemDetail, type ItemVersion, type WorkflowAction } from '../api/items';
import { statusLabel } from './labels';

interface WorkflowPanelProps {
  item: ItemDetail;
  /** Unsaved edits: submitting now would send the stored version, not what is on screen. */
  dirty: boolean;
  onReload: () => void;
}

/** The note of the change request that sent the item back to draft, if that is its newest step. */
function changeRequest(versions: readonly ItemVersion[] | undefined, item: ItemDetail): string | null {
  if (!versions || item.status !== 'draft') return null;
  const head = versions.find((v) => v.version === item.version);
  const before = versions.find((v) => v.version === item.version - 1);
  return head?.status === 'draft' && before?.status === 'in_review' ? head.note : null;
}

/** Where the item is in the workflow, and the steps open to it: submit, publish or request changes, retire. */
export function WorkflowPanel({ item, dirty, onReload }: WorkflowPanelProps) {
  const { t, i18n } = useTranslation();
  const workflow = useWorkflow(item.id);
  const versions = useItemVersions(item.id);
  const [requesting, setRequesting] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const [done, setDone] = useState<WorkflowAction | null>(null);
  const requested = changeRequest(versions.data, item);

  const run = (action: WorkflowAction, note?: string) => {
    setDone(null);
    workflow.mutate(
      { action, version: item.version, ...(note ? { note } : {}) },
      {
        onSuccess: () => {
          setDone(action);
        },
        onSettled: () => {
          setRequesting(false);
          setRetiring(false);
        },
      },
    );
  };
  const pending = (action: WorkflowAction) => workflow.isPending && workflow.variables.action === action;

  return (
    <section aria-labelledby="workflow-heading" className="panel">
      <h2 id="workflow-heading">{t('catalogEditor.workflow.title')}</h2>
      <p>{t('catalogEditor.workflow.state', { version: item.version, status: statusLabel(item.status, t) })}</p>
      <p className="muted">{t(`catalogEditor.workflow.explain.${item.status}`)}</p>
      {requested && (
        <div className="notice">
          <p>{t('catalogEditor.workflow.sentBack')}</p>
          <blockquote>{requested}</blockquote>
        </div>
      )}
      {dirty && item.status !== 'retired' && <p className="muted">{t('catalogEditor.workflow.saveFirst')}</p>}
      <div className="toolbar">
        {item.status === 'draft' && (
          <Button isDisabled={dirty} isPending={pending('submit')} onPress={() => { run('submit'); }}>
            {t('catalogEditor.workflow.submit')}
          </Button>
        )}
        {item.status === 'in_review' && (
          <>
            <Button isDisabled={dirty} isPending={pending('publish')} onPress={() => { run('publish'); }}>
              {t('catalogEditor.workflow.publish')}
            </Button>
            <Button className="react-aria-Button button--secondary" onPress={() => { setRequesting(true); }}>
              {t('catalogEditor.workflow.requestOpen')}
            </Button>
          </>
        )}
        {item.status !== 'retired' && (
          <Button className="react-aria-Button button--danger" onPress={() => { setRetiring(true); }}>
            {t('catalogEditor.workflow.retireOpen')}
          </Button>
        )}
      </div>
      <div role="status">{done && <p className="notice">{t(`catalogEditor.workflow.done.${done}`)}</p>}</div>
      {workflow.isError && <WorkflowProblem error={workflow.error} onReload={onReload} />}

      <NoteDialog
        isOpen={requesting}
        onOpenChange={setRequesting}
        isPending={pending('request_changes')}
        title={t('catalogEditor.workflow.requestTitle')}
        label={t('catalogEditor.workflow.note')}
        description={t('catalogEditor.workflow.noteHint')}
        submitLabel={t('catalogEditor.workflow.request')}
        maxLength={1000}
        onSubmit={(note) => {
          run('request_changes', note);
        }}
      />
      <ConfirmDialog
        isOpen={retiring}
        onOpenChange={setRetiring}
        title={t('catalogEditor.workflow.retireTitle', { title: pickText(item.title, i18n.language)?.text ?? item.slug })}
        confirmLabel={t('catalogEditor.workflow.retire')}
        destructive
        isPending={pending('retire')}
        onConfirm={() => {
          run('retire');
        }}
      >
        <p>{t('catalogEditor.workflow.retireBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function WorkflowProblem({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  const title = t('catalogEditor.workflow.failed');
  if (error instanceof ApiProblem && error.status === 409) {
    return (
      <div role="alert" className="problem-alert">
        <p className="problem-alert__title">{title}</p>
        <p>{t('catalogEditor.workflow.stale')}</p>
        <Button onPress={onReload}>{t('catalogEditor.edit.reload')}</Button>
      </div>
    );
  }
  if (error instanceof ApiProblem && error.status === 422) {
    return (
      <div role="alert" className="problem-alert">
        <p className="problem-alert__title">{title}</p>
        <p>{t('catalogEditor.workflow.incomplete')}</p>
        {error.detail && <p lang="en">{error.detail}</p>}
      </div>
    );
  }
  return <ProblemAlert error={error} title={title} />;
}
