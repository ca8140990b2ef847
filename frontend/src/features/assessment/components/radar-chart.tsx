import { useTranslation } from 'react-i18next';

import type { Framework } from '@/api/framework';
import { pickText } from '@/lib/localized-text';

import type { AreaResult } from '../api/types';

const SIZE = 320;
const CENTRE = SIZE / 2;
const RADIUS = 110;
const MAX_LEVEL = 8;

function point(index: number, count: number, level: number): [number, number] {
  const angle = (Math.PI * 2 * index) / count - Math.PI / 2;
  const r = (RADIUS * level) / MAX_LEVEL;
  return [CENTRE + r * Math.cos(angle), CENTRE + r * Math.sin(angle)];
}

function polygon(levels: readonly number[]): string {
  return levels.map((level, index) => point(index, levels.length, level).map((n) => n.toFixed(1)).join(',')).join(' ');
}

interface RadarChartProps {
  areas: readonly AreaResult[];
  framework: Framework;
}

/** Levels per area on a 1–8 spider chart; the table beside it says the same in words. */
export function RadarChart({ areas, framework }: RadarChartProps) {
  const { t, i18n } = useTranslation();
  const title = (code: string) =>
    pickText(framework.areas.find((area) => area.code === code)?.title ?? {}, i18n.language)?.text ?? code;
  const label = t('assessment.results.radarLabel', {
    levels: areas.map((area) => t('assessment.results.areaLevel', { area: title(area.code), level: area.level })).join('; '),
  });
  const count = areas.length;
  if (count < 3) return null;

  return (
    <svg
      className="radar-chart"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      width="100%"
      preserveAspectRatio="xMidYMid meet"
    >
      {[2, 4, 6, 8].map((ring) => (
        <g key={ring}>
          <polygon className="radar-chart__ring" points={polygon(areas.map(() => ring))} />
          <text className="radar-chart__scale" x={CENTRE + 4} y={point(0, count, ring)[1]} dominantBaseline="middle">
            {ring}
          </text>
        </g>
      ))}
      {areas.map((area, index) => {
        const [x, y] = point(index, count, MAX_LEVEL);
        return <line key={area.code} className="radar-chart__axis" x1={CENTRE} y1={CENTRE} x2={x} y2={y} />;
      })}
      <polygon className="radar-chart__range" points={polygon(areas.map((area) => area.level_high))} />
      <polygon className="radar-chart__range radar-chart__range--low" points={polygon(areas.map((area) => area.level_low))} />
      <polygon className="radar-chart__level" points={polygon(areas.map((area) => area.level))} />
      {areas.map((area, index) => {
        const [x, y] = point(index, count, area.level);
        return <circle key={area.code} className="radar-chart__dot" cx={x} cy={y} r={4} />;
      })}
      {areas.map((area, index) => {
        const [x, y] = point(index, count, MAX_LEVEL + 1.3);
        const anchor = Math.abs(x - CENTRE) < 5 ? 'middle' : x > CENTRE ? 'start' : 'end';
        return (
          <text key={area.code} className="radar-chart__label" x={x} y={y} textAnchor={anchor} dominantBaseline="middle">
            {area.code}
          </text>
        );
      })}
    </svg>
  );
}
