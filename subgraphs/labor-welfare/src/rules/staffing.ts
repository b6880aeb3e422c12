/**
 * Staffing rule cited in the plans: each staff member (managers excluded) handles at
 * least 7 compulsory or 9 voluntary residents.
 */
export const RESIDENTS_PER_STAFF = { compulsory: 7, voluntary: 9 } as const;

/** Care staff (managers excluded) the rule allows for a facility full to capacity. */
export function careStaffFor(capacity: number, takesCompulsory: boolean): number {
  return Math.floor(capacity / (takesCompulsory ? RESIDENTS_PER_STAFF.compulsory : RESIDENTS_PER_STAFF.voluntary));
}
