import type { EntityManager } from 'typeorm';
import { AuditLogEntry, noticeRejected, notifyUnit, type Notice } from '@rehab/server-kit';
import { HANOI_CODE } from '@rehab/shared-schema';
import { PersonEntity } from '../entities/Person';

/**
 * A change made on another agency's notice, in the audit log: the sending subgraph is the
 * actor, the notice id the request id.
 */
export async function auditNotice(
  manager: EntityManager,
  notice: Notice,
  entityType: string,
  fields: string[],
  personId: string,
  unitCode: string = HANOI_CODE,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(AuditLogEntry)
    .values({
      userId: `notice:${notice.source}`,
      username: notice.source,
      agency: notice.source,
      role: 'notice',
      unitCode,
      action: 'CHANGE',
      personId,
      entityType,
      fields,
      purpose: `notice ${notice.topic}`,
      requestId: notice.id,
    })
    .updateEntity(false)
    .execute();
}

/**
 * The registry record a notice is about, locked. A notice about a record merged away
 * applies to the record it was merged into; an unknown person is refused.
 */
export async function subject(manager: EntityManager, personId: string): Promise<PersonEntity> {
  const repo = manager.getRepository(PersonEntity);
  const lock = (id: string) => repo.createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  const person = await lock(personId);
  if (!person) {
    throw noticeRejected({
      vi: `Không có người ${personId} trong cơ sở dữ liệu dân cư`,
      en: `No person ${personId} in the population registry`,
    });
  }
  if (person.recordStatus !== 'MERGED' || !person.mergedInto) return person;
  const survivor = await lock(person.mergedInto);
  if (!survivor) throw new Error(`Merged record ${personId} points at a missing record`);
  return survivor;
}

/** The notice reaches the inbox of the person's commune police, who act on it. */
export async function notifyCommunePolice(
  manager: EntityManager,
  notice: Notice,
  person: PersonEntity,
  occurredOn: string,
): Promise<void> {
  await notifyUnit(manager, {
    topic: notice.topic,
    source: notice.source,
    noticeId: notice.id,
    unitPath: person.ownerUnitPath,
    audience: ['police_officer'],
    personId: person.id,
    occurredOn,
  });
}
