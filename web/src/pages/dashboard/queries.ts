import { gql, type TypedDocumentNode } from '@apollo/client';

/** Names from the indicator API contract (labour-welfare subgraph). */
export interface PeriodInput {
  kind: 'MONTH' | 'QUARTER' | 'YEAR';
  year: number;
  number?: number | null;
}

export interface Plan {
  id: string;
  year: number;
  title: string;
  provinceCode: string;
}

export interface IndicatorValue {
  indicator: { code: string; name: string; measure: 'COUNT' | 'SHARE'; owner: string; definition: string };
  unit: { code: string; name: string };
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
