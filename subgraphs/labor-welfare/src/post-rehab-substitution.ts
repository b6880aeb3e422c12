import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  SUBSTITUTION_ENDED,
  SUBSTITUTION_STARTED,
  onNotice,
  type ContractHandler,
  type Notice,
  type NoticeHandler,
} from '@rehab/server-kit';
import { auditNotice, notifyCommuneOfficials } from './notice-support';
import { OPEN_EPISODE_STATUSES } from './rules/episode';
import { OPEN_POST_REHAB_STATUSES, type PostRehabBasis } from './rules/post-rehab';

/**
 * Post-rehab management of people on substitution treatment and of those who stopped it
 * (DOMAIN step 6). Health tells labour-welfare when a treatment starts and when it stops; the
 * person's residence commune then has a case awaiting its chairman's decision, exactly as after
 * a completed rehab episode, and its officials are told in their inbox. Choices, as a commune
 * officer would expect them:
 * - a person already under (or awaiting) post-rehab management keeps that one case: the
 *   treatment's start or end is written into its history and the commune told, no second case;
 * - a person in rehab (an open episode) gets no case: the rehab's own completion opens one;
 * - every way a treatment stops opens a case (taper completed, voluntary or forced stop, other);
 *   the reason is in the case's history so the commune can judge, e.g. a dossier instead;
 * - a move to another clinic is not a stop and opens nothing.
 */

interface Residence {
  unitCode: string;
  unitPath: string;
}

/** Where the person lives, from the person directory police keep current. */
async function residenceOf(manager: EntityManager, personId: string): Promise<Residence> {
  const [row] = await manager.query<{ unit_code: string; unit_path: string }[]>(
    'SELECT unit_code, unit_path FROM person_directory WHERE person_id = $1',
    [personId],
  );
  // Police announce every registered person; a notice that overtook that announcement is retried (500), not refused.
  if (!row) throw new Error(`person ${personId} is not in the person directory yet`);
  return { unitCode: row.unit_code, unitPath: row.unit_path };
}

async function systemEvent(
  manager: EntityManager,
  notice: Notice,
  c: { id: string; personId: string; status: string },
  action: string,
  occurredOn: string,
  details: Record<string, unknown>,
): Promise<void> {
  await manager.query(
    `INSERT INTO case_event (entity_type, entity_id, person_id, action, from_status, to_status, occurred_on, details,
    actor_username, actor_role, actor_unit_code) VALUES ('POST_REHAB', $1, $2, $3, $4, $4, $5, $6::jsonb, $7, 'system', '01')`,
    [c.id, c.personId, action, c.status, occurredOn, JSON.stringify(details), `notice:${notice.source}`],
  );
}

interface Opening {
  personId: string;
  treatmentId: string;
  on: string;
  basis: Exclude<PostRehabBasis, 'REHAB_COMPLETED'>;
  details: Record<string, unknown>;
}

/** Opens the case, or notes the treatment on the person's open one; tells the commune's officials either way. */
async function openOrNote(manager: EntityManager, notice: Notice, o: Opening): Promise<void> {
  const [rehab] = await manager.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM rehab_episode WHERE person_id = $1 AND status = ANY($2)',
    [o.personId, OPEN_EPISODE_STATUSES],
  );
  if ((rehab?.n ?? 0) > 0) return;
  const [open] = await manager.query<{ id: string; status: string; owner_unit_path: string }[]>(
    'SELECT id::text AS id, status, owner_unit_path FROM post_rehab_case WHERE person_id = $1 AND status = ANY($2) FOR UPDATE',
    [o.personId, OPEN_POST_REHAB_STATUSES],
  );
  const action = o.basis === 'ON_SUBSTITUTION' ? 'SUBSTITUTION_STARTED' : 'SUBSTITUTION_ENDED';
  const details = { treatmentId: o.treatmentId, ...o.details };
  if (open) {
    await systemEvent(manager, notice, { id: open.id, personId: o.personId, status: open.status }, action, o.on, details);
    await auditNotice(manager, notice, o.personId, ['events'], `${action} on ${o.on}`);
    await notifyCommuneOfficials(manager, notice, open.owner_unit_path, o.personId, o.on);
    return;
  }
  const home = await residenceOf(manager, o.personId);
  const id = randomUUID();
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO post_rehab_case (id, person_id, basis, substitution_treatment_id, status, residence_unit_code, owner_unit_path, opened_on)
    VALUES ($1, $2, $3, $4, 'AWAITING_DECISION', $5, $6, $7)
    ON CONFLICT (substitution_treatment_id, basis) WHERE substitution_treatment_id IS NOT NULL DO NOTHING RETURNING id::text AS id`,
    [id, o.personId, o.basis, o.treatmentId, home.unitCode, home.unitPath, o.on],
  );
  // The same treatment's start (or end) opened a case already, e.g. one since closed: nothing more.
  if (inserted.length === 0) return;
  await systemEvent(manager, notice, { id, personId: o.personId, status: 'AWAITING_DECISION' }, 'OPEN', o.on, {
    basis: o.basis,
    ...details,
  });
  await auditNotice(manager, notice, o.personId, ['postRehabCase'], `${o.basis} case opened on ${o.on}`);
  await notifyCommuneOfficials(manager, notice, home.unitPath, o.personId, o.on);
}

const substitutionStarted: ContractHandler<typeof SUBSTITUTION_STARTED.shape> = (manager, p, notice) =>
  openOrNote(manager, notice, {
    personId: p.personId,
    treatmentId: p.treatmentId,
    on: p.enrolledOn,
    basis: 'ON_SUBSTITUTION',
    details: {},
  });

const substitutionEnded: ContractHandler<typeof SUBSTITUTION_ENDED.shape> = (manager, p, notice) =>
  openOrNote(manager, notice, {
    personId: p.personId,
    treatmentId: p.treatmentId,
    on: p.stoppedOn,
    basis: 'AFTER_SUBSTITUTION',
    details: { reason: p.reason },
  });

export const substitutionNoticeHandlers: Readonly<Record<string, NoticeHandler>> = {
  ...onNotice(SUBSTITUTION_STARTED, substitutionStarted),
  ...onNotice(SUBSTITUTION_ENDED, substitutionEnded),
};
