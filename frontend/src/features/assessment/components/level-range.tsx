import { useTranslation } from 'react-i18next';

import type { AreaResult } from '../api/types';

const MAX_LEVEL = 8;

/** Where a level sits on 1–8, and the range it most likely lies in, drawn and said in words. */
export function LevelRange({ result, label }: { result: AreaResult; label: string }) {
  const { t } = useTranslation();
  const left = ((result.level_low - 1) / MAX_LEVEL) * 100;
  const width = ((result.level_high - result.level_low + 1) / MAX_LEVEL) * 100;
  const marker = ((result.level - 0.5) / MAX_LEVEL) * 100;
  return (
    <div className="level-range">
      <p className="level-range__label">
        <span className="level-range__name">{label}</span>{' '}
        <span className="level-range__text">
          {t('assessment.results.levelWithRange', { level: result.level, low: result.level_low, high: result.level_high })}
        </span>
      </p>
      <div className="level-range__scale" aria-hidden="true">
        {Array.from({ length: MAX_LEVEL }, (_, i) => (
          <span key={i} className="level-range__tick">
            {i + 1}
          </span>
        ))}
        <span className="level-range__band" style={{ left: `${left}%`, width: `${width}%` }} />
        <span className="level-range__marker" style={{ left: `${marker}%` }} />
      </div>
    </div>
  );
}
