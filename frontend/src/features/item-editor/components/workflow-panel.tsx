import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ApiProblem } from '@/api/problem';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { NoteDialog } from '@/components/note-dialog';
import { ProblemAlert } from '@/components/problem-message';

import { useWorkflow, type ItemDetail, type WorkflowAction } from '../api/items';
import { statusLabel } from './labels';

interface WorkflowPanelProps {
  item: ItemDetail;
  /** Unsaved edits: submitting now would send the stored version, not what is on screen. */
  dirty: boolean;
  onReload: () => void;
}

/** Where the item is in the workflow, and the steps open to it: submit, publish or reject, retire. */
export function WorkflowPanel({ item, dirty, onReload }: WorkflowPanelProps) {
  const { t } = useTranslation();
  const workflow = useWorkflow(item.id);
  const [rejecting, setRejecting] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const [done, setDone] = useState<WorkflowAction | null>(null);
  const { head } = item;

  const run = (action: WorkflowAction, comment?: string) => {
    setDone(null);
    workflow.mutate(
      { action, version: item.head_version, ...(comment ? { comment } : {}) },
      {
        onSuccess: () => {
          setDone(action);
          setRejecting(false);
          setRetiring(false);
        },
        onError: () => {
          setRejecting(false);
          setRetiring(false);
        },
      },
    );
  };
  const pending = (action: WorkflowAction) => workflow.isPending && workflow.variables.action === action;

  return (
    <section aria-labelledby="workflow-heading" className="panel">
      <h2 id="workflow-heading">{t('itemEditor.workflow.title')}</h2>
      <p>
        {t('itemEditor.workflow.state', { version: item.head_version, status: statusLabel(item.status, t) })}{' '}
        {item.active_version === null
          ? t('itemEditor.workflow.notServed')
          : t('itemEditor.workflow.served', { version: item.active_version })}
      </p>
      {head.status === 'draft' && head.review_comment && (
        <div className="notice">
          <p>{t('itemEditor.workflow.sentBack')}</p>
          <blockquote>{head.review_comment}</blockquote>
        </div>
      )}
      {dirty && item.status === 'draft' && <p className="muted">{t('itemEditor.workflow.saveFirst')}</p>}
      <div className="toolbar">
        {item.status === 'draft' && (
          <Button isDisabled={dirty} isPending={pending('submit')} onPress={() => { run('submit'); }}>
            {t('itemEditor.workflow.submit')}
          </Button>
        )}
        {item.status === 'in_review' && (
          <>
            <Button isPending={pending('publish')} onPress={() => { run('publish'); }}>
              {t('itemEditor.workflow.publish')}
            </Button>
            <Button className="react-aria-Button button--secondary" onPress={() => { setRejecting(true); }}>
              {t('itemEditor.workflow.rejectOpen')}
            </Button>
          </>
        )}
        {item.active_version !== null && (
          <Button className="react-aria-Button button--danger" onPress={() => { setRetiring(true); }}>
            {t('itemEditor.workflow.retireOpen')}
          </Button>
        )}
      </div>
      <div role="status">{done && <p className="notice">{t(`itemEditor.workflow.done.${done}`)}</p>}</div>
      {workflow.isError && <WorkflowProblem error={workflow.error} action={workflow.variables.action} onReload={onReload} />}

      <NoteDialog
        isOpen={rejecting}
        onOpenChange={setRejecting}
        isPending={pending('reject')}
        title={t('itemEditor.workflow.rejectTitle')}
        label={t('itemEditor.workflow.comment')}
        description={t('itemEditor.workflow.commentHint')}
        submitLabel={t('itemEditor.workflow.reject')}
        onSubmit={(comment) => {
          run('reject', comment);
        }}
      />
      <ConfirmDialog
        isOpen={retiring}
        onOpenChange={setRetiring}
        title={t('itemEditor.workflow.retireTitle', { key: item.key })}
        confirmLabel={t('itemEditor.workflow.retire')}
        destructive
        isPending={pending('retire')}
        onConfirm={() => {
          run('retire');
        }}
      >
        <p>{t('itemEditor.workflow.retireBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function WorkflowProblem({ error, action, onReload }: { error: unknown; action: WorkflowAction | undefined; onReload: () => void }) {
  const { t } = useTranslation();
  const title = t('itemEditor.workflow.failed');
  if (error instanceof ApiProblem && error.status === 403 && action === 'publish') {
    return (
      <div role="alert" className="problem-alert">
        <p className="problem-alert__title">{title}</p>
        <p>{t('itemEditor.workflow.ownChange')}</p>
      </div>
    );
  }
  if (error instanceof ApiProblem && error.status === 409) {
    return (
      <div role="alert" className="problem-alert">
        <p className="problem-alert__title">{title}</p>
        <p>{t('itemEditor.workflow.stale')}</p>
        <Button onPress={onReload}>{t('itemEditor.edit.reload')}</Button>
      </div>
    );
  }
  return <ProblemAlert error={error} title={title} />;
}
