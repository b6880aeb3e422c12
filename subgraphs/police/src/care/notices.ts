import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CARE_FACILITY, CARE_SUBSTITUTION, onNotice, type Notice, type NoticeHandler } from '@rehab/server-kit';
import type { CareKind } from '../entities/CareRelation';
import { auditNotice } from '../notices/subject';

interface CarePeriod {
  personId: string;
  recordId: string;
  careUnitCode: string;
  startedOn: string;
  endedOn: string | null;
}

/**
 * Keeps care periods as the sender reports them. A period's end closes the open period of the
 * same record (or, a person having one treatment and one stay open at a time, of the same
 * person) at the same unit, whatever day it started (the sender may not know it); a start,
 * or a whole period, is kept once per record, unit and start day, so a redelivered or
 * re-announced notice changes nothing. A notice about a record merged away applies to the
 * survivor; a person the registry does not hold is skipped (an announcement of existing care
 * must not be refused for good because of one person).
 */
export async function recordCarePeriods(
  manager: EntityManager,
  kind: CareKind,
  periods: readonly CarePeriod[],
  notice: Notice,
): Promise<void> {
  for (const period of periods) {
    const rows = await manager.query<{ id: string; merged_into: string | null }[]>(
      'SELECT id, merged_into FROM person WHERE id = $1 FOR UPDATE',
      [period.personId],
    );
    const [person] = rows;
    if (!person) continue;
    const personId = person.merged_into ?? person.id;
    if (period.endedOn !== null) {
      const [closed] = await manager.query<[unknown[], number]>(
        `UPDATE care_relation SET ended_on = GREATEST($4::date, started_on - 1), source_notice_id = $5, received_at = now()
        WHERE kind = $1 AND (record_id = $2 OR person_id = $6) AND care_unit_code = $3 AND ended_on IS NULL RETURNING id`,
        [kind, period.recordId, period.careUnitCode, period.endedOn, notice.id, personId],
      );
      if (closed.length > 0) {
        await auditNotice(manager, notice, 'CareRelation', ['endedOn'], personId);
        continue;
      }
    }
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO care_relation (id, person_id, care_unit_code, kind, record_id, started_on, ended_on, source_notice_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (kind, record_id, care_unit_code, started_on) DO UPDATE
        SET ended_on = EXCLUDED.ended_on, source_notice_id = EXCLUDED.source_notice_id, received_at = now()
        WHERE care_relation.ended_on IS NULL AND EXCLUDED.ended_on IS NOT NULL
      RETURNING id`,
      [randomUUID(), personId, period.careUnitCode, kind, period.recordId, period.startedOn, period.endedOn, notice.id],
    );
    if (inserted.length > 0) await auditNotice(manager, notice, 'CareRelation', ['careUnit', 'startedOn', 'endedOn'], personId);
  }
}

/** care.substitution (health) and care.facility (labour-welfare). */
export const careNoticeHandlers: Readonly<Record<string, NoticeHandler>> = {
  ...onNotice(CARE_SUBSTITUTION, (manager, payload, notice) =>
    recordCarePeriods(manager, 'SUBSTITUTION_TREATMENT', payload.periods, notice),
  ),
  ...onNotice(CARE_FACILITY, (manager, payload, notice) =>
    recordCarePeriods(manager, 'FACILITY_RESIDENCE', payload.periods, notice),
  ),
};
