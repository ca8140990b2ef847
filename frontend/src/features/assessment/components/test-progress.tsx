import { Label, ProgressBar } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { Progress } from '../api/types';

/**
 * How far the test is, as the engine honestly estimates it: an adaptive test has no fixed length,
 * so the remaining count is "about".
 */
export function TestProgress({ position, progress }: { position: number; progress: Progress }) {
  const { t } = useTranslation();
  const fraction = Math.min(1, Math.max(0, progress.fraction));
  // The engine's count of items likely left includes the one on screen.
  const after = progress.likely_remaining - 1;
  const text =
    after > 0
      ? t('assessment.progress.questionAbout', { number: position, remaining: after })
      : t('assessment.progress.questionLast', { number: position });
  return (
    <ProgressBar className="test-progress" value={fraction * 100} valueLabel={text}>
      <Label className="test-progress__label">{t('assessment.progress.label')}</Label>
      <span className="test-progress__text">{text}</span>
      <div className="test-progress__track" aria-hidden="true">
        <div className="test-progress__fill" style={{ width: `${fraction * 100}%` }} />
      </div>
    </ProgressBar>
  );
}
