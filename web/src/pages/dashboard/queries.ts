import { gql, type TypedDocumentNode } from '@apollo/client';

/** Names from the indicator API contract (labour-welfare subgraph). */
export interface PeriodInput {
  kind: 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'YEAR';
  year: number;
  number?: number | null;
}

export interface Plan {
  id: string;
  year: number;
  title: string;
  provinceCode: string;
  /** The province as it was on the plan's date (an ended province has validTo). */
  province: { code: string; name: string; validTo: string | null };
}

export interface IndicatorValue {
  indicator: { code: string; name: string; measure: 'COUNT' | 'SHARE'; owner: string; definition: string };
  /** The unit as it was in the period (the version the API counted for). */
  unit: { code: string; name: string; level: string; validFrom: string; validTo: string | null };
  period: { from: string; to: string; label: string };
  target: number | null;
  actual: number | null;
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  /** A small cell withheld from analysts (actual, ratio, numerator and denominator are then null). */
  suppressed: boolean;
}

export const PLANS: TypedDocumentNode<{ plans: Plan[] }, { year: number | null }> = gql`
  query DashboardPlans($year: Int) {
    plans(year: $year) {
      id
      year
      title
      provinceCode
      province {
        code
        name
        validTo
      }
    }
  }
`;

/** Today's provinces and cities, for the province picker of those who read every province. */
export const PROVINCES: TypedDocumentNode<{ administrativeUnits: { code: string; name: string }[] }, Record<string, never>> = gql`
  query DashboardProvinces {
    administrativeUnits {
      code
      name
    }
  }
`;

const INDICATOR_VALUE = gql`
  fragment DashboardIndicatorValue on IndicatorValue {
    id
    indicator {
      code
      name(locale: $locale)
      measure
      owner(locale: $locale)
      definition(locale: $locale)
    }
    unit {
      code
      name
      level
      validFrom
      validTo
    }
    period {
      from
      to
      label(locale: $locale)
    }
    target
    actual
    ratio
    numerator
    denominator
    suppressed
  }
`;

export type ApiLocale = 'VI' | 'EN';

export const INDICATORS: TypedDocumentNode<
  { indicators: IndicatorValue[] },
  { plan: string; unit: string; period: PeriodInput; locale: ApiLocale }
> = gql`
  query DashboardIndicators($plan: ID!, $unit: ID!, $period: PeriodInput!, $locale: Locale) {
    indicators(plan: $plan, unit: $unit, period: $period) {
      ...DashboardIndicatorValue
    }
  }
  ${INDICATOR_VALUE}
`;

export const BREAKDOWN: TypedDocumentNode<
  { indicatorBreakdown: IndicatorValue[] },
  { plan: string; indicator: string; unit: string; period: PeriodInput; locale: ApiLocale }
> = gql`
  query DashboardBreakdown($plan: ID!, $indicator: ID!, $unit: ID!, $period: PeriodInput!, $locale: Locale) {
    indicatorBreakdown(plan: $plan, indicator: $indicator, unit: $unit, period: $period) {
      ...DashboardIndicatorValue
    }
  }
  ${INDICATOR_VALUE}
`;

export interface IndicatorRecord {
  personId: string;
  date: string;
  description: string;
}

export const RECORDS: TypedDocumentNode<
  { indicatorRecords: { pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: IndicatorRecord[] } },
  { plan: string; indicator: string; unit: string; period: PeriodInput; first: number; after: string | null }
> = gql`
  query DashboardRecords($plan: ID!, $indicator: ID!, $unit: ID!, $period: PeriodInput!, $first: Int, $after: String) {
    indicatorRecords(plan: $plan, indicator: $indicator, unit: $unit, period: $period, first: $first, after: $after) {
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        personId
        date
        description
      }
    }
  }
`;

export interface MeasureTarget {
  measure: { code: string; name: string; definition: string; measure: 'COUNT' | 'SHARE' };
  target: number | null;
}

/** Targets a province set for measures of its own (no records count them), for one unit. */
export const TARGET_ONLY: TypedDocumentNode<
  { plan: { id: string; targetOnlyMeasures: MeasureTarget[] } | null },
  { plan: string; unit: string; locale: ApiLocale }
> = gql`
  query DashboardTargetOnlyMeasures($plan: ID!, $unit: ID!, $locale: Locale) {
    plan(id: $plan) {
      id
      targetOnlyMeasures(unit: $unit) {
        measure {
          code
          name(locale: $locale)
          definition(locale: $locale)
          measure
        }
        target
      }
    }
  }
`;
