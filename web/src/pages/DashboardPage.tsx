import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ErrorLike } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useId, useState, type ReactNode } from 'react';
import type { Officer } from '../auth';
import { ErrorNotice } from '../components/States';
import { localizedMessages } from '../graphqlErrors';
import { useI18n } from '../i18n';
import { downloadCsv, toCsv } from './dashboard/csv';
import { IndicatorChart } from './dashboard/IndicatorChart';
import { BREAKDOWN, INDICATORS, PLANS, RECORDS, type IndicatorValue, type PeriodInput } from './dashboard/queries';

const RECORDS_PAGE = 20;

interface Drill {
  indicator: { code: string; name: string } | null;
  unit: { code: string; name: string } | null;
}

function useErrorText(): (error: ErrorLike | undefined) => string[] {
  const { locale } = useI18n();
  return (error) => (CombinedGraphQLErrors.is(error) ? localizedMessages(error.errors, locale) : error ? [error.message] : []);
}

function formatValue(value: number | null, measure: 'COUNT' | 'SHARE', locale: string): string {
  if (value === null) return '—';
  if (measure === 'SHARE') return `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
  return value.toLocaleString(locale, { maximumFractionDigits: 1 });
}

function ValuesTable({
  rows,
  nameOf,
  onDrill,
  drillLabel,
  csvName,
  testId,
}: {
  rows: readonly IndicatorValue[];
  nameOf: (row: IndicatorValue) => string;
  onDrill: ((row: IndicatorValue) => void) | null;
  drillLabel: (row: IndicatorValue) => string;
  csvName: string;
  testId: string;
}): ReactNode {
  const { t, locale } = useI18n();
  const lang = locale === 'vi' ? 'vi-VN' : 'en-GB';
  const exportCsv = (): void => {
    const header = [t('dashboard.name'), t('dashboard.code'), t('dashboard.target'), t('dashboard.actual'), t('dashboard.ratio')];
    downloadCsv(
      csvName,
      toCsv(
        header,
        rows.map((r) => [nameOf(r), r.unit.code, r.target, r.suppressed ? t('dashboard.suppressed') : r.actual, r.ratio]),
      ),
    );
  };
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.name')}</th>
              <th scope="col" className="num">
                {t('dashboard.target')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.actual')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.ratio')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.indicator.code}-${r.unit.code}`}>
                <th scope="row">{nameOf(r)}</th>
                <td className="num">{formatValue(r.target, r.indicator.measure, lang)}</td>
                <td className="num">
                  {r.suppressed ? (
                    <span title={t('dashboard.suppressedHint')} data-testid="suppressed">
                      {t('dashboard.suppressed')}
                    </span>
                  ) : onDrill ? (
                    <button type="button" className="link-button" aria-label={drillLabel(r)} onClick={() => onDrill(r)}>
                      {formatValue(r.actual, r.indicator.measure, lang)}
                    </button>
                  ) : (
                    formatValue(r.actual, r.indicator.measure, lang)
                  )}
                </td>
                <td className="num">
                  {r.ratio === null ? '—' : `${(r.ratio * 100).toLocaleString(lang, { maximumFractionDigits: 1 })}%`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="button button--secondary" onClick={exportCsv}>
        {t('dashboard.exportCsv')}
      </button>
    </>
  );
}

function Records({
  plan,
  indicator,
  unit,
  period,
}: {
  plan: string;
  indicator: string;
  unit: string;
  period: PeriodInput;
}): ReactNode {
  const { t, formatDate } = useI18n();
  const errorText = useErrorText();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const { data, loading, error } = useQuery(RECORDS, {
    variables: { plan, indicator, unit, period, first: RECORDS_PAGE, after: cursors[cursors.length - 1] ?? null },
    fetchPolicy: 'no-cache',
  });
  if (loading)
    return (
      <p className="state state--loading" role="status">
        {t('state.loading')}
      </p>
    );
  const connection = data?.indicatorRecords;
  if (!connection) return <ErrorNotice title={t('state.error')} messages={errorText(error)} />;
  if (connection.nodes.length === 0) return <p className="state state--empty">{t('state.empty')}</p>;
  const exportCsv = (): void =>
    downloadCsv(
      `${indicator}-${unit}-records.csv`,
      toCsv(
        [t('dashboard.personId'), t('dashboard.date'), t('dashboard.description')],
        connection.nodes.map((n) => [n.personId, n.date, n.description]),
      ),
    );
  return (
    <>
      <div className="table-wrap">
        <table className="table" data-testid="dashboard-records">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.personId')}</th>
              <th scope="col">{t('dashboard.date')}</th>
              <th scope="col">{t('dashboard.description')}</th>
            </tr>
          </thead>
          <tbody>
            {connection.nodes.map((n, i) => (
              <tr key={`${n.personId}-${n.date}-${i}`}>
                <td className="mono">{n.personId}</td>
                <td>{formatDate(n.date)}</td>
                <td>{n.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button
          type="button"
          className="button button--secondary"
          disabled={cursors.length <= 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          {t('search.previous')}
        </button>
        <span>{t('search.page', { page: String(cursors.length) })}</span>
        <button
          type="button"
          className="button button--secondary"
          disabled={!connection.pageInfo.hasNextPage}
          onClick={() => setCursors([...cursors, connection.pageInfo.endCursor])}
        >
          {t('search.next')}
        </button>
        <button type="button" className="button button--secondary" onClick={exportCsv}>
          {t('dashboard.exportCsv')}
        </button>
      </div>
    </>
  );
}

function Level({
  plan,
  unit,
  period,
  drill,
  setDrill,
}: {
  plan: string;
  unit: string;
  period: PeriodInput;
  drill: Drill;
  setDrill: (drill: Drill) => void;
}): ReactNode {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const apiLocale = locale === 'en' ? 'EN' : 'VI';
  const top = useQuery(
    INDICATORS,
    drill.indicator === null ? { variables: { plan, unit, period, locale: apiLocale } } : skipToken,
  );
  const breakdown = useQuery(
    BREAKDOWN,
    drill.indicator !== null && drill.unit === null
      ? { variables: { plan, indicator: drill.indicator.code, unit, period, locale: apiLocale } }
      : skipToken,
  );
  if (drill.indicator && drill.unit) {
    return (
      <section aria-label={t('dashboard.records')}>
        <h3 className="section-title">{t('dashboard.recordsOf', { indicator: drill.indicator.name, unit: drill.unit.name })}</h3>
        <Records plan={plan} indicator={drill.indicator.code} unit={drill.unit.code} period={period} />
      </section>
    );
  }
  const query = drill.indicator ? breakdown : top;
  const rows = drill.indicator ? breakdown.data?.indicatorBreakdown : top.data?.indicators;
  if (query.loading)
    return (
      <p className="state state--loading" role="status">
        {t('state.loading')}
      </p>
    );
  if (!rows) return <ErrorNotice title={t('dashboard.loadError')} messages={errorText(query.error)} />;
  if (rows.length === 0) return <p className="state state--empty">{t('state.empty')}</p>;
  const indicator = drill.indicator;
  const nameOf = (r: IndicatorValue): string => (indicator ? r.unit.name : r.indicator.name);
  const chartRows = rows
    .filter((r) => r.indicator.measure === 'COUNT')
    .map((r) => ({ name: nameOf(r), target: r.target, actual: r.actual }));
  return (
    <section aria-label={indicator ? indicator.name : t('dashboard.indicators')}>
      <h3 className="section-title">
        {indicator ? t('dashboard.breakdownOf', { indicator: indicator.name }) : t('dashboard.indicators')}
      </h3>
      <IndicatorChart rows={chartRows} label={indicator ? indicator.name : t('dashboard.indicators')} />
      <ValuesTable
        rows={rows}
        nameOf={nameOf}
        testId={indicator ? 'dashboard-breakdown' : 'dashboard-indicators'}
        csvName={indicator ? `${indicator.code}-${unit}.csv` : `indicators-${unit}.csv`}
        drillLabel={(r) => t('dashboard.drill', { name: nameOf(r) })}
        onDrill={(r) =>
          setDrill(
            indicator
              ? { indicator, unit: r.unit }
              : { indicator: { code: r.indicator.code, name: r.indicator.name }, unit: null },
          )
        }
      />
    </section>
  );
}

function periodOf(value: string, year: number): PeriodInput {
  const [kind, number] = value.split(':');
  if (kind === 'QUARTER') return { kind: 'QUARTER', year, number: Number(number) };
  if (kind === 'MONTH') return { kind: 'MONTH', year, number: Number(number) };
  return { kind: 'YEAR', year };
}

/** Bảng chỉ tiêu: targets against results per unit (as the indicator API breaks the period down) and facility, with drill-down and CSV export. */
export default function DashboardPage({ officer }: { officer: Officer }): ReactNode {
  const { t } = useI18n();
  const errorText = useErrorText();
  const planId = useId();
  const periodId = useId();
  const plans = useQuery(PLANS, { variables: { year: null } });
  const [chosen, setChosen] = useState<string | null>(null);
  const [periodValue, setPeriodValue] = useState('YEAR');
  const [drill, setDrill] = useState<Drill>({ indicator: null, unit: null });
  const list = plans.data?.plans ?? [];
  const plan = list.find((p) => p.id === chosen) ?? list[0];
  let body: ReactNode;
  if (plans.loading)
    body = (
      <p className="state state--loading" role="status">
        {t('state.loading')}
      </p>
    );
  else if (!plans.data) body = <ErrorNotice title={t('dashboard.loadError')} messages={errorText(plans.error)} />;
  else if (!plan) body = <p className="state state--empty">{t('dashboard.noPlans')}</p>;
  else {
    const unit = officer.role === 'analyst' || officer.role === 'supervisor' ? plan.provinceCode : officer.unitCode;
    body = (
      <>
        <div className="toolbar">
          <div className="form-field">
            <label htmlFor={planId}>{t('dashboard.plan')}</label>
            <select
              id={planId}
              className="input"
              value={plan.id}
              onChange={(e) => {
                setChosen(e.target.value);
                setDrill({ indicator: null, unit: null });
              }}
            >
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title} ({p.year})
                </option>
              ))}
            </select>
          </div>
          <div className="form-field">
            <label htmlFor={periodId}>{t('dashboard.period')}</label>
            <select id={periodId} className="input" value={periodValue} onChange={(e) => setPeriodValue(e.target.value)}>
              <option value="YEAR">{t('dashboard.wholeYear')}</option>
              {[1, 2, 3, 4].map((q) => (
                <option key={q} value={`QUARTER:${q}`}>
                  {t('dashboard.quarter', { n: String(q) })}
                </option>
              ))}
              {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                <option key={m} value={`MONTH:${m}`}>
                  {t('dashboard.month', { n: String(m) })}
                </option>
              ))}
            </select>
          </div>
        </div>
        <nav aria-label={t('dashboard.breadcrumb')} className="breadcrumb">
          <button type="button" className="link-button" onClick={() => setDrill({ indicator: null, unit: null })}>
            {t('dashboard.indicators')}
          </button>
          {drill.indicator && (
            <>
              {' '}
              ›{' '}
              <button type="button" className="link-button" onClick={() => setDrill({ indicator: drill.indicator, unit: null })}>
                {drill.indicator.name}
              </button>
            </>
          )}
          {drill.unit && (
            <>
              {' '}
              › <span>{drill.unit.name}</span>
            </>
          )}
        </nav>
        <Level plan={plan.id} unit={unit} period={periodOf(periodValue, plan.year)} drill={drill} setDrill={setDrill} />
      </>
    );
  }
  return (
    <>
      <h2 className="page-title">{t('dashboard.heading')}</h2>
      {body}
    </>
  );
}
