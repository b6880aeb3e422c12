import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../../i18n';

export interface ChartRow {
  name: string;
  target: number | null;
  actual: number | null;
}

/** Chỉ tiêu và kết quả: grouped bars per row (a recharts chart, not hand-drawn). */
export function IndicatorChart({ rows, label }: { rows: ReadonlyArray<ChartRow>; label: string }): ReactNode {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  return (
    <figure className="chart" aria-label={label} data-testid="indicator-chart">
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 48, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" angle={-30} textAnchor="end" interval={0} height={70} tick={{ fontSize: 11 }} />
          <YAxis />
          <Tooltip />
          <Legend verticalAlign="top" />
          <Bar dataKey="target" name={t('dashboard.target')} fill="#8fa9c9" isAnimationActive={false} />
          <Bar dataKey="actual" name={t('dashboard.actual')} fill="#1f5f9e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="visually-hidden">{label}</figcaption>
    </figure>
  );
}
