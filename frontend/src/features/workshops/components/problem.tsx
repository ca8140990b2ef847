import { useTranslation } from 'react-i18next';

import { ApiProblem } from '@/api/problem';
import { ProblemAlert } from '@/components/problem-message';

export type RegistrationAction = 'register' | 'cancel';

/** Why registering or cancelling failed; a refusal of the rules (409) is explained in the workshop's terms. */
export function RegistrationProblem({ error, action }: { error: unknown; action: RegistrationAction }) {
  const { t } = useTranslation();
  const title = action === 'register' ? t('workshops.errors.registerFailed') : t('workshops.errors.cancelFailed');
  if (error instanceof ApiProblem && error.status === 409) {
    return (
      <div role="alert" className="problem-alert">
        <p className="problem-alert__title">{title}</p>
        <p>{action === 'register' ? t('workshops.errors.registerRefused') : t('workshops.errors.tooLateToCancel')}</p>
      </div>
    );
  }
  return <ProblemAlert error={error} title={title} />;
}

/**
 * Why approving or declining a request failed. A refusal means the request changed meanwhile
 * (409: withdrawn, or the session cancelled; 403/404: decided by the organisers, or the person no
 * longer reports to me), which is said in those terms; the list has been refreshed by then.
 */
export function DecisionProblem({ error, title }: { error: unknown; title: string }) {
  const { t } = useTranslation();
  if (error instanceof ApiProblem && [403, 404, 409].includes(error.status)) {
    return (
      <div role="alert" className="problem-alert">
        <p className="problem-alert__title">{title}</p>
        <p>{error.status === 409 ? t('workshops.approvals.errors.changed') : t('workshops.approvals.errors.notYours')}</p>
      </div>
    );
  }
  return <ProblemAlert error={error} title={title} />;
}
