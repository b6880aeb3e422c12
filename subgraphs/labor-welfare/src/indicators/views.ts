import type { IndicatorMeasurementRecord, IndicatorValueKey } from '@rehab/shared-schema';
import type { PlanTargetEntity } from '../entities/PlanTarget';

/** A page of a list as the connection resolvers pass it on. */
export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

export type PlanTargetConnectionView = Page<PlanTargetEntity>;

/**
 * An IndicatorValue: its id (plan, indicator, unit, period) and, in the `_entities` call
 * the gateway makes after the measuring subgraphs answered, their measures.
 */
export interface IndicatorValueParent {
  id: string;
  policeMeasure?: IndicatorMeasurementRecord | null;
  healthMeasure?: IndicatorMeasurementRecord | null;
  volunteersMeasure?: IndicatorMeasurementRecord | null;
}

export interface IndicatorValueWithKey extends IndicatorValueParent {
  key: IndicatorValueKey;
}

/** A record behind a number: no names, no identification numbers. */
export interface IndicatorRecordView {
  id: string;
  personId: string;
  date: string;
  /** MONTH when the date was coarsened to the first day of its month (analysts). */
  datePrecision: 'DAY' | 'MONTH';
  description: string;
  unitCode: string;
}

export type IndicatorRecordConnectionView = Page<IndicatorRecordView>;

/** Field resolvers of every connection type. */
export const pageResolvers = {
  nodes: <T>(c: Page<T>) => c.nodes,
  totalCount: <T>(c: Page<T>) => c.totalCount,
  pageInfo: <T>(c: Page<T>) => ({ endCursor: c.endCursor, hasNextPage: c.hasNextPage }),
};
