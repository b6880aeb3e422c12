import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../../i18n';

export interface ChartRow {
  name: string;
  target: number | null;
  actual: number | null;
}

/** Height of one row's pair of bars: long Vietnamese names read across, on the category axis. */
const ROW_HEIGHT = 34;

/** Chỉ tiêu và kết quả: a pair of horizontal bars per row (a recharts chart, not hand-drawn). */
export function IndicatorChart({ rows, label }: { rows: readonly ChartRow[]; label: string }): ReactNode {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  return (
    <figure className="chart" aria-label={label} data-testid="indicator-chart">
      <ResponsiveContainer width="100%" height={48 + rows.length * ROW_HEIGHT}>
        <BarChart data={[...rows]} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" />
          <YAxis type="category" dataKey="name" width={260} interval={0} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend position="top" />
          <Bar dataKey="target" name={t('dashboard.target')} fill="#8fa9c9" isAnimationActive={false} />
          <Bar dataKey="actual" name={t('dashboard.actual')} fill="#1f5f9e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="visually-hidden">{label}</figcaption>
    </figure>
  );
}
