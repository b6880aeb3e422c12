import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ErrorLike } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useId, useState, type ReactNode } from 'react';
import { useActing } from '../acting';
import type { Officer } from '../auth';
import { ErrorNotice } from '../components/States';
import { errorCode, noticeMessages } from '../graphqlErrors';
import { formatDateTime, useI18n } from '../i18n';
import { downloadCsv, toCsv } from '../export/csv';
import { formatPercent, formatValue, NO_VALUE } from './dashboard/format';
import { IndicatorChart } from './dashboard/IndicatorChart';
import { TargetOnlyMeasures } from './dashboard/TargetOnlyMeasures';
import {
  BREAKDOWN,
  INDICATORS,
  PLANS,
  PROVINCES,
  RECORDS,
  type IndicatorValue,
  type PeriodInput,
  type Plan,
} from './dashboard/queries';

const RECORDS_PAGE = 20;

/**
 * Roles that read every province's indicators and pick the province (the API's province-wide
 * indicator readers); every other officer sees the dashboard of their own unit.
 */
const PROVINCE_PICKERS = new Set(['analyst', 'supervisor']);

/**
 * Roles that may list the records behind a number (the API's rule for `indicatorRecords`:
 * officers of the legal path, supervisors and analysts); the others are told why not.
 */
const RECORD_READERS = new Set([
  'police_officer',
  'commune_official',
  'labour_officer',
  'facility_staff',
  'court_clerk',
  'supervisor',
  'analyst',
]);

/** Levels whose numbers break down further (a province into its districts or communes, a district into its communes). */
const HAS_CHILDREN = new Set(['PROVINCE', 'DISTRICT']);

interface UnitRef {
  code: string;
  name: string;
  level: string;
}

/**
 * Where the reader is: the indicators of the dashboard's unit (no indicator), an indicator's
 * breakdown under the last unit of `units` (the dashboard's unit when empty), or the
 * records of that unit (`records`).
 */
interface Drill {
  indicator: { code: string; name: string } | null;
  units: UnitRef[];
  records: boolean;
}

const TOP: Drill = { indicator: null, units: [], records: false };

function useErrorText(): (error: ErrorLike | undefined) => string[] {
  const { locale } = useI18n();
  return (error) => (CombinedGraphQLErrors.is(error) ? noticeMessages(error.errors, locale) : error ? [error.message] : []);
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
  // The texts on screen, which the CSV writes as they are (a share reads "45,5 %" in both).
  const shown = (r: IndicatorValue) => ({
    target: formatValue(r.target, r.indicator.measure, locale),
    actual: r.suppressed ? t('dashboard.suppressed') : formatValue(r.actual, r.indicator.measure, locale),
    ratio: formatPercent(r.ratio, locale),
  });
  const exportCsv = (): void => {
    const header = [t('dashboard.name'), t('dashboard.code'), t('dashboard.target'), t('dashboard.actual'), t('dashboard.ratio')];
    downloadCsv(
      csvName,
      toCsv(
        header,
        rows.map((r) => {
          const s = shown(r);
          return [nameOf(r), r.unit.code, s.target, s.actual, s.ratio];
        }),
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
            {rows.map((r) => {
              const s = shown(r);
              return (
                <tr key={`${r.indicator.code}-${r.unit.code}`}>
                  <th scope="row">{nameOf(r)}</th>
                  <td className="num">{s.target}</td>
                  <td className="num">
                    {r.suppressed ? (
                      <span title={t('dashboard.suppressedHint')} data-testid="suppressed">
                        {s.actual}
                      </span>
                    ) : onDrill && s.actual !== NO_VALUE ? (
                      <button type="button" className="link-button" aria-label={drillLabel(r)} onClick={() => onDrill(r)}>
                        {s.actual}
                      </button>
                    ) : (
                      s.actual
                    )}
                  </td>
                  <td className="num">{s.ratio}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Freshness rows={rows} />
      <button type="button" className="button button--secondary" onClick={exportCsv}>
        {t('dashboard.exportCsv')}
      </button>
    </>
  );
}

/** When the numbers shown were computed (the oldest): the agencies keep their counts until their records change. */
function Freshness({ rows }: { rows: readonly IndicatorValue[] }): ReactNode {
  const { t } = useI18n();
  const oldest = rows
    .map((r) => r.computedAt)
    .filter((at): at is string => typeof at === 'string')
    .sort()[0];
  if (!oldest) return null;
  return (
    <p className="dashboard-freshness" data-testid="dashboard-freshness">
      {t('dashboard.freshness', { at: formatDateTime(oldest) })}
    </p>
  );
}

/** A notice in place of a list: why the records behind a number are not shown here. */
function WhyNot({ messages }: { messages: readonly string[] }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="notice notice--info" role="status" data-testid="records-why-not">
      <p>{t('dashboard.noRecords')}</p>
      {messages.map((m) => (
        <p key={m} className="notice__detail">
          {m}
        </p>
      ))}
    </div>
  );
}

function Records({
  plan,
  indicator,
  unit,
  period,
  role,
}: {
  plan: string;
  indicator: string;
  unit: string;
  period: PeriodInput;
  role: string;
}): ReactNode {
  const { t, label } = useI18n();
  const allowed = RECORD_READERS.has(role);
  if (!allowed) return <WhyNot messages={[t('dashboard.recordsNotForRole', { role: label('role', role) })]} />;
  return <RecordsList plan={plan} indicator={indicator} unit={unit} period={period} />;
}

function RecordsList({
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
  if (!connection) {
    // The API says why there is no list: records another agency keeps, a cell too small for an analyst.
    const expected =
      CombinedGraphQLErrors.is(error) &&
      error.errors.length > 0 &&
      error.errors.every((e) => ['BAD_USER_INPUT', 'FORBIDDEN'].includes(errorCode(e) ?? ''));
    return expected ? (
      <WhyNot messages={errorText(error)} />
    ) : (
      <ErrorNotice title={t('state.error')} messages={errorText(error)} />
    );
  }
  if (connection.nodes.length === 0) return <p className="state state--empty">{t('state.empty')}</p>;
  const exportCsv = (): void =>
    downloadCsv(
      `${indicator}-${unit}-records.csv`,
      toCsv(
        [t('dashboard.personId'), t('dashboard.date'), t('dashboard.description')],
        connection.nodes.map((n) => [n.personId, formatDate(n.date), n.description]),
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

/** "Đơn vị: Tỉnh Lào Cai · 6 tháng cuối năm 2026 (01/07/2026 – 31/12/2026) · đơn vị hành chính theo danh mục ngày 31/12/2026". */
function ScopeLine({ value }: { value: IndicatorValue }): ReactNode {
  const { t, formatDate } = useI18n();
  const { unit, period } = value;
  // The API counts for the unit's version at the period's end, else at its start (a district in a 2025 report).
  const treeDate = unit.validFrom <= period.to && (unit.validTo === null || unit.validTo >= period.to) ? period.to : period.from;
  return (
    <p className="dashboard-scope" data-testid="dashboard-scope">
      {t('dashboard.scope', {
        unit: unit.name,
        code: unit.code,
        period: period.label,
        from: formatDate(period.from),
        to: formatDate(period.to),
        on: formatDate(treeDate),
      })}
    </p>
  );
}

function Level({
  plan,
  top,
  period,
  drill,
  setDrill,
  role,
  trail,
}: {
  plan: string;
  top: string;
  period: PeriodInput;
  drill: Drill;
  setDrill: (drill: Drill) => void;
  role: string;
  /** Where the reader is (indicators › indicator › units), under the line naming the unit. */
  trail: ReactNode;
}): ReactNode {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const apiLocale = locale === 'en' ? 'EN' : 'VI';
  const current = drill.units[drill.units.length - 1];
  const unit = current?.code ?? top;
  // The dashboard's own unit is always asked (cached), so the page says which unit it shows.
  const topQuery = useQuery(INDICATORS, { variables: { plan, unit: top, period, locale: apiLocale } });
  const breakdown = useQuery(
    BREAKDOWN,
    drill.indicator !== null && !drill.records
      ? { variables: { plan, indicator: drill.indicator.code, unit, period, locale: apiLocale } }
      : skipToken,
  );
  const topRows = topQuery.data?.indicators;
  const scope = (
    <>
      {topRows?.[0] && <ScopeLine value={topRows[0]} />}
      {trail}
    </>
  );
  if (drill.indicator && drill.records) {
    const name = current?.name ?? topRows?.[0]?.unit.name ?? top;
    return (
      <>
        {scope}
        <section aria-label={t('dashboard.records')}>
          <h3 className="section-title">{t('dashboard.recordsOf', { indicator: drill.indicator.name, unit: name })}</h3>
          <Records plan={plan} indicator={drill.indicator.code} unit={unit} period={period} role={role} />
        </section>
      </>
    );
  }
  const query = drill.indicator ? breakdown : topQuery;
  const rows = drill.indicator ? breakdown.data?.indicatorBreakdown : topRows;
  if (query.loading)
    return (
      <>
        {scope}
        <p className="state state--loading" role="status">
          {t('state.loading')}
        </p>
      </>
    );
  if (!rows)
    return (
      <>
        {scope}
        <ErrorNotice title={t('dashboard.loadError')} messages={errorText(query.error)} />
      </>
    );
  if (rows.length === 0)
    return (
      <>
        {scope}
        <p className="state state--empty">{t('state.empty')}</p>
      </>
    );
  const indicator = drill.indicator;
  const nameOf = (r: IndicatorValue): string => (indicator ? r.unit.name : r.indicator.name);
  const chartRows = rows
    .filter((r) => r.indicator.measure === 'COUNT')
    .map((r) => ({ name: nameOf(r), target: r.target, actual: r.actual }));
  const onDrill = (r: IndicatorValue): void => {
    if (!indicator) {
      // An indicator of a unit with children opens its breakdown; of a commune (or facility), its records.
      const picked = { code: r.indicator.code, name: r.indicator.name };
      setDrill({ indicator: picked, units: [], records: !HAS_CHILDREN.has(r.unit.level) });
      return;
    }
    const child = { code: r.unit.code, name: r.unit.name, level: r.unit.level };
    setDrill({ indicator, units: [...drill.units, child], records: !HAS_CHILDREN.has(child.level) });
  };
  return (
    <>
      {scope}
      <section aria-label={indicator ? indicator.name : t('dashboard.indicators')}>
        <h3 className="section-title">
          {indicator
            ? t('dashboard.breakdownOf', { indicator: indicator.name, unit: current?.name ?? topRows?.[0]?.unit.name ?? top })
            : t('dashboard.indicators')}
        </h3>
        <IndicatorChart rows={chartRows} label={indicator ? indicator.name : t('dashboard.indicators')} />
        <ValuesTable
          rows={rows}
          nameOf={nameOf}
          testId={indicator ? 'dashboard-breakdown' : 'dashboard-indicators'}
          csvName={indicator ? `${indicator.code}-${unit}.csv` : `indicators-${unit}.csv`}
          drillLabel={(r) => t('dashboard.drill', { name: nameOf(r) })}
          onDrill={onDrill}
        />
      </section>
      {!indicator && <TargetOnlyMeasures plan={plan} unit={unit} />}
    </>
  );
}

function periodOf(value: string, year: number): PeriodInput {
  const [kind, number] = value.split(':');
  if (kind === 'HALF_YEAR') return { kind: 'HALF_YEAR', year, number: Number(number) };
  if (kind === 'QUARTER') return { kind: 'QUARTER', year, number: Number(number) };
  if (kind === 'MONTH') return { kind: 'MONTH', year, number: Number(number) };
  return { kind: 'YEAR', year };
}

/** The province picker's choices: today's provinces, and those of plans made before a province ended. */
function useProvinceOptions(enabled: boolean, plans: readonly Plan[]): { code: string; name: string }[] {
  const { t, formatDate } = useI18n();
  const { data } = useQuery(PROVINCES, enabled ? {} : skipToken);
  const today = data?.administrativeUnits ?? [];
  const known = new Set(today.map((p) => p.code));
  const ended = new Map<string, string>();
  for (const plan of plans) {
    const province = plan.province;
    if (known.has(province.code) || ended.has(province.code)) continue;
    ended.set(
      province.code,
      province.validTo ? `${province.name} (${t('unit.endedOn', { date: formatDate(province.validTo) })})` : province.name,
    );
  }
  return [...today, ...[...ended].map(([code, name]) => ({ code, name }))];
}

/**
 * Bảng chỉ tiêu: targets against results of a unit (an officer's own; any province for
 * analysts and supervisors) for a month, quarter, half-year or year, broken down by the units
 * of the period (districts then communes before 1 July 2025, communes after) down to the
 * records, with CSV export.
 */
export default function DashboardPage({ officer }: { officer: Officer }): ReactNode {
  const { t } = useI18n();
  const acting = useActing();
  const errorText = useErrorText();
  const provinceId = useId();
  const planId = useId();
  const periodId = useId();
  const picksProvince = PROVINCE_PICKERS.has(officer.role);
  const plans = useQuery(PLANS, { variables: { year: null } });
  const all = plans.data?.plans ?? [];
  const provinces = useProvinceOptions(picksProvince, all);
  const [pickedProvince, setPickedProvince] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [periodValue, setPeriodValue] = useState('YEAR');
  const [drill, setDrill] = useState<Drill>(TOP);
  const ownProvince = acting.provinceCode ?? officer.unitCode;
  const province = picksProvince ? (pickedProvince ?? ownProvince) : acting.provinceCode;
  // An officer's plans are those of the province of their unit (all, for an account of a unit that has ended).
  const list = province ? all.filter((p) => p.provinceCode === province) : all;
  const plan = list.find((p) => p.id === chosen) ?? list[0];
  const provinceName = provinces.find((p) => p.code === province)?.name ?? province ?? '';
  let body: ReactNode;
  if (plans.loading)
    body = (
      <p className="state state--loading" role="status">
        {t('state.loading')}
      </p>
    );
  else if (!plans.data) body = <ErrorNotice title={t('dashboard.loadError')} messages={errorText(plans.error)} />;
  else if (!plan)
    body = (
      <p className="state state--empty" data-testid="dashboard-no-plan">
        {picksProvince ? t('dashboard.noPlansOf', { province: provinceName }) : t('dashboard.noPlans')}
      </p>
    );
  else {
    const top = picksProvince ? plan.provinceCode : officer.unitCode;
    const trail = (
      <nav aria-label={t('dashboard.breadcrumb')} className="breadcrumb">
        <button type="button" className="link-button" onClick={() => setDrill(TOP)}>
          {t('dashboard.indicators')}
        </button>
        {drill.indicator && (
          <>
            {' '}
            ›{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setDrill({ indicator: drill.indicator, units: [], records: false })}
            >
              {drill.indicator.name}
            </button>
          </>
        )}
        {drill.units.map((u, i) => (
          <span key={u.code}>
            {' '}
            ›{' '}
            {i < drill.units.length - 1 ? (
              <button
                type="button"
                className="link-button"
                onClick={() => setDrill({ indicator: drill.indicator, units: drill.units.slice(0, i + 1), records: false })}
              >
                {u.name}
              </button>
            ) : (
              <span>{u.name}</span>
            )}
          </span>
        ))}
      </nav>
    );
    body = (
      <>
        <Level
          plan={plan.id}
          top={top}
          period={periodOf(periodValue, plan.year)}
          drill={drill}
          setDrill={setDrill}
          role={officer.role}
          trail={trail}
        />
      </>
    );
  }
  return (
    <>
      <h2 className="page-title">{t('dashboard.heading')}</h2>
      <div className="toolbar">
        {picksProvince && (
          <div className="form-field">
            <label htmlFor={provinceId}>{t('dashboard.province')}</label>
            <select
              id={provinceId}
              className="input"
              value={province ?? ''}
              onChange={(e) => {
                setPickedProvince(e.target.value);
                setChosen(null);
                setDrill(TOP);
              }}
            >
              {provinces.length === 0 && province && <option value={province}>{province}</option>}
              {provinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="form-field">
          <label htmlFor={planId}>{t('dashboard.plan')}</label>
          <select
            id={planId}
            className="input"
            value={plan?.id ?? ''}
            disabled={!plan}
            onChange={(e) => {
              setChosen(e.target.value);
              setDrill(TOP);
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
          <select
            id={periodId}
            className="input"
            value={periodValue}
            onChange={(e) => {
              setPeriodValue(e.target.value);
              setDrill(TOP);
            }}
          >
            <option value="YEAR">{t('dashboard.wholeYear')}</option>
            <option value="HALF_YEAR:1">{t('dashboard.firstHalf')}</option>
            <option value="HALF_YEAR:2">{t('dashboard.secondHalf')}</option>
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
      {body}
    </>
  );
}
