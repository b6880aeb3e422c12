import { freshAccessToken } from './auth';

/** A grant as the gateway shows it: OPEN at once (one commune, facility, clinic or court), or PENDING a supervisor. */
export interface BreakGlassGrant {
  grantId: string;
  username: string;
  role: string;
  unitCode: string;
  status: 'OPEN' | 'PENDING' | 'REFUSED';
  targetUnitCode: string;
  targetUnitName: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
  active: boolean;
  decidedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewNote: string | null;
}

/** Which grants a supervisor lists: awaiting approval, awaiting review (after use), reviewed. */
export type GrantList = 'awaiting-approval' | 'pending' | 'reviewed';

/** A refused request: the gateway's bilingual text and the field at fault, when any. */
export class BreakGlassError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
    readonly field: string | null,
  ) {
    super(en);
  }
}

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value ? value : fallback);

async function call<T>(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<T> {
  const token = await freshAccessToken();
  const response = await fetch(path, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new BreakGlassError(
      text(answer.message, `HTTP ${response.status}`),
      text(answer.messageEn, `HTTP ${response.status}`),
      typeof answer.field === 'string' ? answer.field : null,
    );
  }
  return answer as T;
}

/** POST /auth/break-glass: emergency access to a unit's records for a stated reason and a time. */
export function requestBreakGlass(unitCode: string, reason: string, durationMinutes: number): Promise<BreakGlassGrant> {
  return call('POST', '/auth/break-glass', { unitCode, reason, durationMinutes });
}

/** GET /auth/break-glass?status=…: the grants of the supervisor's subtree (supervisors only). */
export async function listGrants(status: GrantList): Promise<BreakGlassGrant[]> {
  return (await call<{ grants: BreakGlassGrant[] }>('GET', `/auth/break-glass?status=${status}`)).grants;
}

/** A supervisor approves or refuses a grant that waits for approval. */
export function decideGrant(grantId: string, approve: boolean, note: string): Promise<BreakGlassGrant> {
  return call('POST', `/auth/break-glass/${encodeURIComponent(grantId)}/decide`, { approve, note });
}

/** A supervisor records the review of a grant that was used. */
export function reviewGrant(grantId: string, note: string): Promise<BreakGlassGrant> {
  return call('POST', `/auth/break-glass/${encodeURIComponent(grantId)}/review`, { note });
}
