import type { EntityManager } from 'typeorm';
import { AuditLogEntry, notifyUnit, type Notice } from '@rehab/server-kit';

/** What this subgraph's notice handlers share: the audit row of a change made on a notice, and the commune officials' inbox. */

/** An audit row for a change made on a notice (no officer: the sending agency is recorded). */
export async function auditNotice(
  manager: EntityManager,
  notice: Notice,
  personId: string,
  fields: string[],
  note: string,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(AuditLogEntry)
    .values({
      userId: `notice:${notice.source}`,
      username: `notice:${notice.source}`,
      agency: notice.source,
      role: 'system',
      unitCode: '01',
      action: 'CHANGE',
      personId,
      entityType: 'Person',
      fields,
      purpose: `${notice.topic}: ${note}`,
      requestId: notice.id,
    })
    .updateEntity(false)
    .execute();
}

/** The notice reaches the inbox of the commune officials who manage the person's open cases. */
export async function notifyCommuneOfficials(
  manager: EntityManager,
  notice: Notice,
  unitPath: string,
  personId: string,
  occurredOn: string | null,
): Promise<void> {
  await notifyUnit(manager, {
    topic: notice.topic,
    source: notice.source,
    noticeId: notice.id,
    unitPath,
    audience: ['commune_official'],
    personId,
    occurredOn,
  });
}
