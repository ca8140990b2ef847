import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiProblem, problemKind } from '@/api/problem';

/**
 * What went wrong, in the visitor's language when the interface knows the problem type; otherwise the
 * service's own (English) `detail` or `title`, marked as English for screen readers.
 */
export function ProblemText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const kind = problemKind(error);
  if (kind === 'unknown' && error instanceof ApiProblem) {
    const explanation = error.detail ?? error.message;
    if (explanation) {
      return (
        <>
          {t('problems.unknownLead')} <span lang="en">{explanation}</span>
        </>
      );
    }
  }
  return <>{t(`problems.${kind}`)}</>;
}

interface ProblemAlertProps {
  error: unknown;
  /** A heading that says what failed ("Your profile was not saved"). */
  title?: string;
  children?: ReactNode;
}

/** An error announced as soon as it appears (role="alert"). */
export function ProblemAlert({ error, title, children }: ProblemAlertProps) {
  return (
    <div role="alert" className="problem-alert">
      {title && <p className="problem-alert__title">{title}</p>}
      <p>
        <ProblemText error={error} />
      </p>
      {children}
    </div>
  );
}
