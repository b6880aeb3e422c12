import type { EntityManager } from 'typeorm';
import type { Caller } from '@rehab/shared-schema';
import { activeGrants } from '../access/scope';
import { AuditLogEntry, type AuditAction } from './entity';
import type { AuditRow, AuditSink } from './writer';

/**
 * The purpose recorded for a request: the caller's stated purpose, plus each active
 * break-the-glass grant (id and reason) so a reviewer sees why the access was opened.
 */
export function auditPurpose(caller: Caller, now: Date = new Date()): { purpose: string; breakGlass: boolean } {
  const grants = activeGrants(caller, now);
  if (grants.length === 0) return { purpose: caller.purpose, breakGlass: false };
  const notes = grants.map((g) => `break-glass ${g.grantId}: ${g.reason}`);
  return { purpose: [caller.purpose, ...notes].join(' | '), breakGlass: true };
}

interface PendingRead {
  personId: string | null;
  entityType: string;
  fields: Set<string>;
}

/**
 * Collects the sensitive fields one request reads, grouped per person and type, and
 * hands them as audit rows to the subgraph's writer before the response leaves.
 */
export class AuditCollector {
  private readonly reads = new Map<string, PendingRead>();

  constructor(private readonly caller: Caller) {}

  read(entityType: string, field: string, personId: string | null): void {
    const key = `${entityType}:${personId ?? ''}`;
    let pending = this.reads.get(key);
    if (!pending) {
      pending = { personId, entityType, fields: new Set() };
      this.reads.set(key, pending);
    }
    pending.fields.add(field);
  }

  get pendingCount(): number {
    return this.reads.size;
  }

  /** One audit row; a read made while a break-the-glass grant is active is recorded as BREAK_GLASS. */
  private row(action: AuditAction, entityType: string, fields: string[], personId: string | null): AuditRow {
    const c = this.caller;
    const { purpose, breakGlass } = auditPurpose(c);
    return {
      userId: c.userId,
      username: c.username,
      agency: c.agency,
      role: c.role,
      unitCode: c.unitCode,
      action: action === 'READ' && breakGlass ? 'BREAK_GLASS' : action,
      personId,
      entityType,
      fields,
      purpose,
      requestId: c.requestId,
    };
  }

  /** Writes the collected reads. Throws when the audit table cannot be written. */
  async flush(sink: AuditSink): Promise<void> {
    if (this.reads.size === 0) return;
    const rows = [...this.reads.values()].map((r) => this.row('READ', r.entityType, [...r.fields].sort(), r.personId));
    this.reads.clear();
    await sink.write(rows);
  }

  /** Records a change; call inside the transaction that makes it. */
  async change(manager: EntityManager, entityType: string, fields: string[], personId: string | null): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditLogEntry)
      .values(this.row('CHANGE', entityType, fields, personId))
      .updateEntity(false)
      .execute();
  }

  /** Records one change per person in a single statement (bulk entry); call inside the transaction. */
  async changeMany(manager: EntityManager, entityType: string, fields: string[], personIds: readonly string[]): Promise<void> {
    if (personIds.length === 0) return;
    const rows = personIds.map((personId) => this.row('CHANGE', entityType, fields, personId));
    await manager.createQueryBuilder().insert().into(AuditLogEntry).values(rows).updateEntity(false).execute();
  }
}
