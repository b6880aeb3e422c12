import type { DataSource, EntityManager } from 'typeorm';
import { isWithin, unitByCode } from '@rehab/shared-schema';

/** What the identity database records about authentication, break-the-glass and refused operations. */
export const SECURITY_EVENT_KINDS = [
  'LOGIN',
  'LOGIN_FAILED',
  'LOCKOUT',
  'REFRESH_REUSE',
  'LOGOUT',
  'BREAK_GLASS_REQUEST',
  'BREAK_GLASS_GRANT',
  'BREAK_GLASS_REFUSE',
  'BREAK_GLASS_REVIEW',
  'UNTRUSTED_DOCUMENT',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export interface SecurityEventInput {
  kind: SecurityEventKind;
  username: string;
  accountId?: string | null;
  sessionId?: string | null;
  /** The account's unit code; events are shown to supervisors whose subtree holds it. */
  unitCode?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export interface SecurityEventView {
  id: string;
  occurredAt: string;
  kind: SecurityEventKind;
  username: string;
  unitCode: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

interface Row {
  id: string;
  occurred_at: Date;
  kind: SecurityEventKind;
  username: string;
  unit_path: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

/** Appends one event (in the caller's transaction when a manager is given). */
export async function recordSecurityEvent(db: DataSource | EntityManager, event: SecurityEventInput): Promise<void> {
  const unitPath = event.unitCode ? (unitByCode(event.unitCode)?.path ?? null) : null;
  await db.query(
    `INSERT INTO security_event (kind, username, account_id, session_id, unit_path, ip, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [
      event.kind,
      event.username.slice(0, 64),
      event.accountId ?? null,
      event.sessionId ?? null,
      unitPath,
      event.ip?.slice(0, 64) ?? null,
      JSON.stringify(event.detail ?? {}),
    ],
  );
}

export interface SecurityEventQuery {
  kind?: SecurityEventKind;
  /** Only events after this id (paging forward). */
  beforeId?: string;
  limit: number;
}

/**
 * Events a supervisor of `path` may read, newest first: those of accounts in the subtree,
 * and those naming no account (unknown usernames: only the tried name and the address).
 */
export async function listSecurityEvents(db: DataSource, path: string, query: SecurityEventQuery): Promise<SecurityEventView[]> {
  const rows = await db.query<Row[]>(
    `SELECT id, occurred_at, kind, username, unit_path, ip, detail FROM security_event
      WHERE (unit_path IS NULL OR unit_path = $1 OR unit_path LIKE $2)
        AND ($3::varchar IS NULL OR kind = $3) AND ($4::bigint IS NULL OR id < $4)
      ORDER BY id DESC LIMIT $5`,
    [path, `${path}.%`, query.kind ?? null, query.beforeId ?? null, query.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at.toISOString(),
    kind: r.kind,
    username: r.username,
    unitCode: r.unit_path && isWithin(r.unit_path, path) ? (r.unit_path.split('.').at(-1) ?? null) : null,
    ip: r.ip,
    detail: r.detail,
  }));
}
