import { freshAccessToken } from './auth';

/** The grant the gateway made: OPEN at once (one commune, facility, clinic or court), or PENDING a supervisor. */
export interface BreakGlassGrant {
  grantId: string;
  status: 'OPEN' | 'PENDING' | 'REFUSED';
  targetUnitName: string;
  expiresAt: string;
}

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

/** POST /auth/break-glass: emergency access to a unit's records for a stated reason and a time. */
export async function requestBreakGlass(unitCode: string, reason: string, durationMinutes: number): Promise<BreakGlassGrant> {
  const token = await freshAccessToken();
  const response = await fetch('/auth/break-glass', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ unitCode, reason, durationMinutes }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new BreakGlassError(
      text(body.message, `HTTP ${response.status}`),
      text(body.messageEn, `HTTP ${response.status}`),
      typeof body.field === 'string' ? body.field : null,
    );
  }
  return body as unknown as BreakGlassGrant;
}
