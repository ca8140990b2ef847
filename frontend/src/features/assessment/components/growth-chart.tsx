import { useTranslation } from 'react-i18next';

import type { ResultListItem } from '../api/types';

const WIDTH = 480;
const HEIGHT = 240;
const PAD = { left: 36, right: 16, top: 12, bottom: 28 };
const MAX_LEVEL = 8;
// Told apart by dash and marker, not only colour, so the chart reads in black and white too.
const DASHES = ['', '6 3', '2 3', '10 4 2 4', '1 5'];

interface GrowthChartProps {
  /** Oldest first. */
  results: readonly ResultListItem[];
  areaTitle: (code: string) => string;
}

/** Each area's level over the retakes as a line; the table next to it holds the same numbers. */
export function GrowthChart({ results, areaTitle }: GrowthChartProps) {
  const { t } = useTranslation();
  const first = results[0];
  const last = results.at(-1);
  if (!first || !last || results.length < 2) return null;
  const codes = first.areas.map((area) => area.code);
  const x = (index: number) => PAD.left + ((WIDTH - PAD.left - PAD.right) * index) / (results.length - 1);
  const y = (level: number) => PAD.top + ((HEIGHT - PAD.top - PAD.bottom) * (MAX_LEVEL - level)) / (MAX_LEVEL - 1);
  const levelIn = (result: ResultListItem, code: string) => result.areas.find((area) => area.code === code)?.level;
  const label = t('assessment.history.chartLabel', {
    changes: codes
      .map((code) => t('assessment.history.change', { area: areaTitle(code), from: levelIn(first, code) ?? '–', to: levelIn(last, code) ?? '–' }))
      .join('; '),
  });

  return (
    <figure className="growth-chart">
      <svg role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%">
        {Array.from({ length: MAX_LEVEL }, (_, i) => i + 1).map((level) => (
          <g key={level}>
            <line className="growth-chart__grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(level)} y2={y(level)} />
            <text className="growth-chart__tick" x={PAD.left - 8} y={y(level)} textAnchor="end" dominantBaseline="middle">
              {level}
            </text>
          </g>
        ))}
        {results.map((result, index) => (
          <text key={result.id} className="growth-chart__tick" x={x(index)} y={HEIGHT - 8} textAnchor="middle">
            {index + 1}
          </text>
        ))}
        {codes.map((code, series) => {
          const points = results
            .map((result, index) => {
              const level = levelIn(result, code);
              return level === undefined ? null : `${x(index).toFixed(1)},${y(level).toFixed(1)}`;
            })
            .filter((p): p is string => p !== null);
          return (
            <polyline
              key={code}
              className={`growth-chart__line growth-chart__line--${series}`}
              points={points.join(' ')}
              strokeDasharray={DASHES[series % DASHES.length]}
            />
          );
        })}
      </svg>
      <figcaption>
        <ul className="growth-chart__legend">
          {codes.map((code, series) => (
            <li key={code}>
              <svg aria-hidden="true" width="32" height="10" viewBox="0 0 32 10">
                <line
                  className={`growth-chart__line growth-chart__line--${series}`}
                  x1="0"
                  x2="32"
                  y1="5"
                  y2="5"
                  strokeDasharray={DASHES[series % DASHES.length]}
                />
              </svg>{' '}
              {areaTitle(code)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
