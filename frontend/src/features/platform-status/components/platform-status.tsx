import { useTranslation } from 'react-i18next';

import { useHealth } from '../api/get-health';

/** One line in the footer saying whether the platform's services answer. */
export function PlatformStatus() {
  const { t } = useTranslation();
  const health = useHealth();
  if (health.isPending) return null;
  let message = t('status.unknown');
  if (health.data) message = health.data.status === 'ok' ? t('status.ok') : t('status.degraded');
  return <p className="platform-status">{message}</p>;
}
