import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Loading } from '@/components/loading';
import { LocalizedText } from '@/components/localized-text';
import { Page, PAGE_HEADING_ID } from '@/components/page';
import { Pagination } from '@/components/pagination';
import { QueryError } from '@/components/query-error';
import { pageFrom, withPage } from '@/lib/list-params';
import { pickText } from '@/lib/localized-text';

import { type Decision, type DecisionIn, useDecide, useMyApprovals } from '../api/approvals';
import type { PendingApproval, Registration } from '../api/types';
import { DecisionProblem } from '../components/problem';
import { formatMoment, formatSessionRange } from '../components/vilnius-time';
import '../components/workshops.css';

const PAGE_SIZE = 20;

type Outcome = { decision: Decision; registration: Registration } | { decision: Decision; error: unknown };
type Run = (input: DecisionIn) => Promise<Registration>;

/** The last decision taken on this page, said in the live region (or as a problem when it failed). */
interface Settled {
  request: PendingApproval;
  outcome: Outcome;
}

async function decide(run: Run, request: PendingApproval, decision: Decision): Promise<Outcome> {
  try {
    return { decision, registration: await run({ sessionId: request.session_id, registrationId: request.registration_id, decision }) };
  } catch (error) {
    return { decision, error };
  }
}

function rowId(request: PendingApproval): string {
  return `request-${request.registration_id}`;
}

/** The person asking (by a short id while the catalog knows no name) and the workshop, as plain text. */
function useNames() {
  const { t, i18n } = useTranslation();
  return (request: PendingApproval) => ({
    name: request.display_name ?? t('workshops.approvals.unnamed', { id: request.person_id.slice(0, 8) }),
    workshop: pickText(request.workshop.title, i18n.language)?.text ?? '',
  });
}

/** What a decision did: a seat, a place on the waiting list (the session filled meanwhile), or no place. */
function SettledMessage({ settled }: { settled: Settled }) {
  const { t } = useTranslation();
  const names = useNames()(settled.request);
  const { outcome } = settled;
  if ('error' in outcome) {
    const title = outcome.decision === 'approve' ? t('workshops.approvals.notApproved', names) : t('workshops.approvals.notDeclined', names);
    return <DecisionProblem error={outcome.error} title={title} />;
  }
  if (outcome.decision === 'decline') return <p className="notice">{t('workshops.approvals.declined', names)}</p>;
  const { status, waitlist_position: position } = outcome.registration;
  let text = t('workshops.approvals.approved', names);
  if (status === 'waitlisted') {
    text = position == null ? t('workshops.approvals.approvedWaitlistedNoPosition', names) : t('workshops.approvals.approvedWaitlisted', { ...names, position });
  }
  return <p className="notice">{text}</p>;
}

interface RowProps {
  request: PendingApproval;
  onApprove: (run: Run) => void;
  onDecline: () => void;
}

function RequestRow({ request, onApprove, onDecline }: RowProps) {
  const { t, i18n } = useTranslation();
  const approve = useDecide();
  const { name } = useNames()(request);
  const id = rowId(request);
  // Someone may ask for several sessions: each button names the person, the workshop and the session.
  const describedBy = `${id} ${id}-workshop ${id}-when`;
  return (
    <tr>
      <th scope="row" id={id} tabIndex={-1}>
        {name}
      </th>
      <td id={`${id}-workshop`}>
        <Link to={`/workshops/${request.workshop.item_id}`}>
          <LocalizedText value={request.workshop.title} />
        </Link>
      </td>
      <td id={`${id}-when`}>
        <time dateTime={request.starts_at}>{formatSessionRange(request.starts_at, request.ends_at, i18n.language)}</time>
      </td>
      <td>
        <time dateTime={request.requested_at}>{formatMoment(request.requested_at, i18n.language)}</time>
      </td>
      <td>
        <div className="actions">
          <Button
            aria-describedby={describedBy}
            isPending={approve.isPending}
            onPress={() => {
              onApprove(approve.mutateAsync);
            }}
          >
            {t('workshops.attendance.approve')}
          </Button>
          <Button className="react-aria-Button button--secondary" aria-describedby={describedBy} isDisabled={approve.isPending} onPress={onDecline}>
            {t('workshops.attendance.decline')}
          </Button>
        </div>
      </td>
    </tr>
  );
}

function RequestTable({ requests, onDecide }: { requests: PendingApproval[]; onDecide: (request: PendingApproval, decision: Decision, run: Run) => void }) {
  const { t, i18n } = useTranslation();
  const decline = useDecide();
  const names = useNames();
  const [declining, setDeclining] = useState<PendingApproval | null>(null);
  return (
    <>
      <table className="table">
        <caption className="visually-hidden">{t('workshops.approvals.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workshops.approvals.person')}</th>
            <th scope="col">{t('workshops.workshop')}</th>
            <th scope="col">{t('workshops.my.when')}</th>
            <th scope="col">{t('workshops.approvals.requested')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <RequestRow
              key={request.registration_id}
              request={request}
              onApprove={(run) => {
                onDecide(request, 'approve', run);
              }}
              onDecline={() => {
                setDeclining(request);
              }}
            />
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        isOpen={declining !== null}
        onOpenChange={(open) => {
          if (!open) setDeclining(null);
        }}
        title={t('workshops.approvals.declineTitle')}
        confirmLabel={t('workshops.approvals.declineConfirm')}
        destructive
        isPending={decline.isPending}
        onConfirm={() => {
          if (!declining) return;
          // The dialog closes either way: a failure is reported above the list, which may have changed.
          const run: Run = (input) =>
            decline.mutateAsync(input).finally(() => {
              setDeclining(null);
            });
          onDecide(declining, 'decline', run);
        }}
      >
        {declining && (
          <>
            <p>
              <strong>{names(declining).name}</strong>
              {': '}
              <LocalizedText value={declining.workshop.title} />
              {', '}
              {formatSessionRange(declining.starts_at, declining.ends_at, i18n.language)}
            </p>
            <p>{t('workshops.approvals.declineBody', names(declining))}</p>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}

function Requests() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const offset = (pageFrom(params) - 1) * PAGE_SIZE;
  const approvals = useMyApprovals({ limit: PAGE_SIZE, offset });
  const [settled, setSettled] = useState<Settled | null>(null);
  // Where the decided row was: its button goes with it, so focus moves to the row now in its place.
  const focusAfter = useRef<{ registrationId: string; index: number } | null>(null);
  const items = approvals.data?.items;
  const total = approvals.data?.total ?? 0;

  useEffect(() => {
    const pending = focusAfter.current;
    if (!pending || !items) return;
    focusAfter.current = null;
    // Still listed: the decision failed and nothing changed, so focus stays on the button pressed.
    if (items.some((request) => request.registration_id === pending.registrationId)) return;
    const next = items[Math.min(pending.index, items.length - 1)];
    document.getElementById(next ? rowId(next) : PAGE_HEADING_ID)?.focus();
  });

  // Deciding the last requests of the last page leaves it empty: show the page before it.
  useEffect(() => {
    if (items?.length === 0 && offset > 0 && total > 0) {
      setParams(withPage(params, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE, PAGE_SIZE), { replace: true });
    }
  }, [items, offset, total, params, setParams]);

  const onDecide = (request: PendingApproval, decision: Decision, run: Run) => {
    setSettled(null);
    const index = Math.max(0, items?.findIndex((candidate) => candidate.registration_id === request.registration_id) ?? 0);
    void decide(run, request, decision).then((outcome) => {
      focusAfter.current = { registrationId: request.registration_id, index };
      setSettled({ request, outcome });
    });
  };

  const body = () => {
    if (approvals.isPending) return <Loading label={t('workshops.approvals.loading')} />;
    if (approvals.isError) {
      return <QueryError title={t('workshops.approvals.loadFailed')} error={approvals.error} onRetry={() => void approvals.refetch()} />;
    }
    const { data } = approvals;
    if (data.total === 0) {
      return (
        <div className="empty-state">
          <p>{t('workshops.approvals.empty')}</p>
          <p>{t('workshops.approvals.emptyHint')}</p>
        </div>
      );
    }
    if (data.items.length === 0) return <Loading label={t('workshops.approvals.loading')} />;
    return (
      <div aria-busy={approvals.isPlaceholderData}>
        <RequestTable requests={data.items} onDecide={onDecide} />
        <Pagination
          offset={data.offset}
          limit={data.limit}
          total={data.total}
          onChange={(next) => {
            setParams(withPage(params, next, PAGE_SIZE));
          }}
        />
      </div>
    );
  };

  const failed = settled !== null && 'error' in settled.outcome;
  return (
    <>
      <div role="status">{settled && !failed && <SettledMessage settled={settled} />}</div>
      {settled && failed && <SettledMessage settled={settled} />}
      {body()}
    </>
  );
}

/** For supervisors: the workshop registration requests of the people they supervise, to approve or decline. */
export function ApprovalsRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('workshops.approvals.title')}>
      <p className="lead">{t('workshops.approvals.intro')}</p>
      <Requests />
    </Page>
  );
}
