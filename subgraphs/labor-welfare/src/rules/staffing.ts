/**
 * Staffing rule cited in the plans: each staff member (managers excluded) handles at
 * least 7 compulsory or 9 voluntary residents.
 *
 * How "at least" becomes a flag (the decision is also in subgraphs/labor-welfare/README.md):
 * the rule is the plans' staffing norm, one care staff member (cán bộ, nhân viên trực
 * tiếp, managers excluded) for every 7 compulsory or 9 voluntary residents. Read
 * literally ("a staff member must carry at least 7") it would be a workload floor that
 * flags every facility that is not full, and says nothing about the safety question the
 * check exists for. So the facility is OVER its ratio when its residents need more
 * care staff than it has: requiredStaff = ceil(compulsory / 7 + voluntary / 9) (a
 * started group of 7 or 9 needs a staff member; mixed facilities add the fractions
 * before rounding), overRatio = careStaff < requiredStaff.
 */
export const RESIDENTS_PER_STAFF = { compulsory: 7, voluntary: 9 } as const;

/** Care staff (managers excluded) the residents need: ceil(c/7 + v/9), in exact integer arithmetic. */
export function requiredCareStaff(compulsoryResidents: number, voluntaryResidents: number): number {
  const { compulsory: c, voluntary: v } = RESIDENTS_PER_STAFF;
  return Math.ceil((compulsoryResidents * v + voluntaryResidents * c) / (c * v));
}

export interface StaffingCheck {
  compulsoryResidents: number;
  voluntaryResidents: number;
  careStaff: number;
  requiredStaff: number;
  overRatio: boolean;
}

/** The staffing check of one facility: `staffCount` includes its `managerCount` managers. */
export function staffingCheck(
  compulsoryResidents: number,
  voluntaryResidents: number,
  staffCount: number,
  managerCount: number,
): StaffingCheck {
  const careStaff = Math.max(0, staffCount - managerCount);
  const requiredStaff = requiredCareStaff(compulsoryResidents, voluntaryResidents);
  return { compulsoryResidents, voluntaryResidents, careStaff, requiredStaff, overRatio: careStaff < requiredStaff };
}

/** Care staff (managers excluded) the rule requires for a facility full to capacity. */
export function careStaffFor(capacity: number, takesCompulsory: boolean): number {
  return takesCompulsory ? requiredCareStaff(capacity, 0) : requiredCareStaff(0, capacity);
}
