import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { formatValue } from './format';
import { TARGET_ONLY } from './queries';

/**
 * The plan's own measures for a unit: targets a province set in its table for things no
 * record counts (e.g. rehab at the provincial facility vs the city's). Shown as targets
 * only; nothing when the plan has none.
 */
export function TargetOnlyMeasures({ plan, unit }: { plan: string; unit: string }): ReactNode {
  const { t, locale } = useI18n();
  const { data } = useQuery(TARGET_ONLY, { variables: { plan, unit, locale: locale === 'en' ? 'EN' : 'VI' } });
  const rows = data?.plan?.targetOnlyMeasures ?? [];
  if (rows.length === 0) return null;
  return (
    <section aria-label={t('dashboard.targetOnly')}>
      <h3 className="section-title">{t('dashboard.targetOnly')}</h3>
      <p className="muted">{t('dashboard.targetOnlyHint')}</p>
      <div className="table-wrap">
        <table className="table" data-testid="dashboard-target-only">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.name')}</th>
              <th scope="col" className="num">
                {t('dashboard.target')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.measure.code}>
                <th scope="row" title={r.measure.definition}>
                  {r.measure.name}
                </th>
                <td className="num">{formatValue(r.target, r.measure.measure, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
