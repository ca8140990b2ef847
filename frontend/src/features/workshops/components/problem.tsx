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
