import type { EntityManager } from 'typeorm';
import { isUuid, units } from '@rehab/shared-schema';
import { noticeRejected } from '../outbox/receiver';
import type { Notice, NoticeHandler } from '../outbox/notice';

/** The notice police send every agency when the province assigns a person of a split commune to a new one. */
export const PERSON_UNIT_ASSIGNED = 'person.unit-assigned';

export interface PersonUnitAssignedPayload {
  personId: string;
  fromUnitPath: string;
  toUnitCode: string;
  toUnitPath: string;
  assignedOn: string;
}

function payloadOf(notice: Notice): PersonUnitAssignedPayload {
  const p = (typeof notice.payload === 'object' && notice.payload !== null ? notice.payload : {}) as Partial<Record<keyof PersonUnitAssignedPayload, unknown>>;
  const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
  const to = text(p.toUnitPath) ? units().byUnitPath(p.toUnitPath) : undefined;
  if (!text(p.personId) || !isUuid(p.personId) || !text(p.fromUnitPath) || !units().isSplit(p.fromUnitPath) || !to
    || to.code !== p.toUnitCode || !text(p.assignedOn) || !/^\d{4}-\d{2}-\d{2}$/.test(p.assignedOn)) {
    throw noticeRejected({ vi: `Thông báo ${notice.topic} không hợp lệ`, en: `The ${notice.topic} notice is malformed` });
  }
  return { personId: p.personId.toLowerCase(), fromUnitPath: p.fromUnitPath, toUnitCode: to.code, toUnitPath: to.path, assignedOn: p.assignedOn };
}

/** Records an assignment (the sender's own, or one received): the person's records of the old commune belong to the new one. */
export async function recordPersonUnitAssignment(manager: EntityManager, a: PersonUnitAssignedPayload): Promise<void> {
  await manager.query(`INSERT INTO person_unit_assignment (person_id, from_unit_path, to_unit_code, to_unit_path, assigned_on)
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id, from_unit_path)
    DO UPDATE SET to_unit_code = EXCLUDED.to_unit_code, to_unit_path = EXCLUDED.to_unit_path, assigned_on = EXCLUDED.assigned_on`,
  [a.personId, a.fromUnitPath, a.toUnitCode, a.toUnitPath, a.assignedOn]);
}

/** Every subgraph keeps the assignments police send (so its scope follows them). */
export const COMMON_NOTICE_HANDLERS: Readonly<Record<string, NoticeHandler>> = {
  [PERSON_UNIT_ASSIGNED]: (manager, notice) => recordPersonUnitAssignment(manager, payloadOf(notice)),
};
