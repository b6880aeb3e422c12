/** Agencies (cơ quan) and the roles their officers hold. */
export const AGENCIES = ['police', 'labor-welfare', 'health', 'volunteers', 'court', 'commune', 'analysis'] as const;
export type Agency = (typeof AGENCIES)[number];

export const ROLES = [
  'police_officer',
  'commune_official',
  'labour_officer',
  'facility_staff',
  'court_clerk',
  'health_worker',
  'volunteer',
  'front_officer',
  'analyst',
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Officers who act on named persons' cases within their unit: not analysts, volunteers (their
 * assigned people), the Fatherland Front's reviewers (the dossiers put to them) or supervisors.
 */
export const UNIT_OFFICER_ROLES: readonly Role[] = ROLES.filter(
  (r) => r !== 'analyst' && r !== 'volunteer' && r !== 'front_officer' && r !== 'supervisor',
);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isAgency(value: string): value is Agency {
  return (AGENCIES as readonly string[]).includes(value);
}

/**
 * A break-the-glass grant: temporary access to another unit's subtree for a stated
 * reason, flagged for a supervisor's review. Reads made under it are audited as such.
 */
export interface BreakGlassGrant {
  grantId: string;
  /** Materialised path of the unit whose subtree the grant opens. */
  unitPath: string;
  reason: string;
  /** ISO 8601 instant after which the grant no longer widens the scope. */
  expiresAt: string;
}

/** The identity a subgraph receives, signed by the gateway, for one request. */
export interface Caller {
  userId: string;
  username: string;
  agency: Agency;
  role: Role;
  unitCode: string;
  /** Materialised path of the caller's unit; records under it are in scope. */
  unitPath: string;
  purpose: string;
  requestId: string;
  /** The caller's active break-the-glass grants, when any. */
  grants?: readonly BreakGlassGrant[];
}
