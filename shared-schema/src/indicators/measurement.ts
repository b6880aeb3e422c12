/**
 * What a measuring subgraph answers for one IndicatorValue (the @inaccessible
 * `<agency>Measure` fields): counts, and for the cross-agency share the keys of the
 * people counted, so labor-welfare can intersect them. Keys travel subgraph → gateway →
 * subgraph only (the fields are @inaccessible): no client ever reads them.
 */
export interface IndicatorMeasurementRecord {
  numerator: number | null;
  denominator: number | null;
  /** Compact keys (server-kit's personKeyOf), comma-separated: one text through the gateway rather than a list of tens of thousands. */
  personKeys: string | null;
  /** When the counts were computed: a Date where they were, its ISO text once it travelled through the gateway. */
  computedAt?: Date | string | null;
}

/** Roles that read indicators of any unit (aggregates, not personal data). */
export const PROVINCE_WIDE_INDICATOR_ROLES = ['analyst', 'supervisor'] as const;
