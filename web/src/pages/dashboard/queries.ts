import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  DashboardBreakdownQuery,
  DashboardBreakdownQueryVariables,
  DashboardIndicatorsQuery,
  DashboardIndicatorsQueryVariables,
  DashboardPlansQuery,
  DashboardPlansQueryVariables,
  DashboardProvincesQuery,
  DashboardProvincesQueryVariables,
  DashboardRecordsQuery,
  DashboardRecordsQueryVariables,
  DashboardTargetOnlyMeasuresQuery,
  DashboardTargetOnlyMeasuresQueryVariables,
  DashboardIndicatorValueFragment,
  Locale,
  PeriodInput as GeneratedPeriodInput,
} from '../../__generated__/operations';

/** Names from the indicator API contract (labour-welfare subgraph). */
export type PeriodInput = GeneratedPeriodInput;

export type Plan = DashboardPlansQuery['plans'][number];

export type IndicatorValue = DashboardIndicatorValueFragment;

export const PLANS: TypedDocumentNode<DashboardPlansQuery, DashboardPlansQueryVariables> = gql`
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
export const PROVINCES: TypedDocumentNode<DashboardProvincesQuery, DashboardProvincesQueryVariables> = gql`
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
    computedAt
  }
`;

export type ApiLocale = Locale;

export const INDICATORS: TypedDocumentNode<DashboardIndicatorsQuery, DashboardIndicatorsQueryVariables> = gql`
  query DashboardIndicators($plan: ID!, $unit: ID!, $period: PeriodInput!, $locale: Locale) {
    indicators(plan: $plan, unit: $unit, period: $period) {
      ...DashboardIndicatorValue
    }
  }
  ${INDICATOR_VALUE}
`;

export const BREAKDOWN: TypedDocumentNode<DashboardBreakdownQuery, DashboardBreakdownQueryVariables> = gql`
  query DashboardBreakdown($plan: ID!, $indicator: ID!, $unit: ID!, $period: PeriodInput!, $locale: Locale) {
    indicatorBreakdown(plan: $plan, indicator: $indicator, unit: $unit, period: $period) {
      ...DashboardIndicatorValue
    }
  }
  ${INDICATOR_VALUE}
`;

export type IndicatorRecord = DashboardRecordsQuery['indicatorRecords']['nodes'][number];

export const RECORDS: TypedDocumentNode<DashboardRecordsQuery, DashboardRecordsQueryVariables> = gql`
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

export type MeasureTarget = NonNullable<DashboardTargetOnlyMeasuresQuery['plan']>['targetOnlyMeasures'][number];

/** Targets a province set for measures of its own (no records count them), for one unit. */
export const TARGET_ONLY: TypedDocumentNode<DashboardTargetOnlyMeasuresQuery, DashboardTargetOnlyMeasuresQueryVariables> = gql`
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
