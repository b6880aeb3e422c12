import type { EntityManager } from 'typeorm';
import type { NoticeHandler } from '../outbox/notice';
import { PERSON_UNIT_ASSIGNED_NOTICE } from '../notices/catalogue';
import { onNotice } from '../notices/contract';
import type { PayloadOf } from '../notices/fields';

/** The notice police send every agency when the province assigns a person of a split commune to a new one. */
export const PERSON_UNIT_ASSIGNED = PERSON_UNIT_ASSIGNED_NOTICE.topic;

export type PersonUnitAssignedPayload = PayloadOf<typeof PERSON_UNIT_ASSIGNED_NOTICE.shape>;

/** Records an assignment (the sender's own, or one received): the person's records of the old commune belong to the new one. */
export async function recordPersonUnitAssignment(manager: EntityManager, a: PersonUnitAssignedPayload): Promise<void> {
  await manager.query(
    `INSERT INTO person_unit_assignment (person_id, from_unit_path, to_unit_code, to_unit_path, assigned_on)
    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id, from_unit_path)
    DO UPDATE SET to_unit_code = EXCLUDED.to_unit_code, to_unit_path = EXCLUDED.to_unit_path, assigned_on = EXCLUDED.assigned_on`,
    [a.personId, a.fromUnitPath, a.toUnitCode, a.toUnitPath, a.assignedOn],
  );
}

/** Every subgraph keeps the assignments police send (so its scope follows them). */
export const COMMON_NOTICE_HANDLERS: Readonly<Record<string, NoticeHandler>> = onNotice(
  PERSON_UNIT_ASSIGNED_NOTICE,
  (manager, payload) => recordPersonUnitAssignment(manager, payload),
);
