import type { EntityManager } from 'typeorm';
import { AuditLogEntry, type Notice } from '@rehab/server-kit';

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
