import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The state a form keeps for its ALTCHA check: the payload, an error, and a way to ask for a new challenge. */
export function useAltcha() {
  const { t } = useTranslation();
  const [payload, setPayload] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [resetKey, setResetKey] = useState(0);
  const [focusKey, setFocusKey] = useState(0);

  const onChange = useCallback((next: string | null) => {
    setPayload(next);
    if (next) setError(undefined);
  }, []);

  /** The payload to send, or null after pointing the person at the unticked check. */
  const take = (): string | null => {
    if (payload) return payload;
    setError(t('altcha.notVerified'));
    setFocusKey((key) => key + 1);
    return null;
  };

  /** A solution is accepted once: after any answer from the server, solve a fresh challenge. */
  const renew = (message?: string) => {
    setPayload(null);
    setResetKey((key) => key + 1);
    setError(message);
  };

  return { field: { onChange, error, resetKey, focusKey }, take, renew };
}
