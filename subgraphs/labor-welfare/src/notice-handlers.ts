import type { EntityManager } from 'typeorm';
import {
  AdministrativeUnitEntity,
  PERSON_MERGED,
  RELAPSE_RISK,
  RESIDENCE_MOVED,
  domainError,
  noticeRejected,
  onNotice,
  type ContractHandler,
  type Notice,
  type NoticeHandler,
} from '@rehab/server-kit';
import { auditNotice, notifyCommuneOfficials } from './notice-support';
import { substitutionNoticeHandlers } from './post-rehab-substitution';
import { PENDING_DOSSIER_STATUSES } from './rules/dossier';
import { OPEN_EPISODE_STATUSES } from './rules/episode';
import { OPEN_POST_REHAB_STATUSES } from './rules/post-rehab';

/** Notices from police this subgraph acts on, each inside the transaction that records it in the inbox. */

/** The person tables of this subgraph, with the statuses of their open records. */
const PERSON_TABLES = [
  'rehab_episode',
  'compulsory_rehab_dossier',
  'post_rehab_case',
  'reintegration_support',
  'case_event',
  'officer_notification',
] as const;

async function recordSystemEvents(
  manager: EntityManager,
  notice: Notice,
  rows: { type: string; id: string; status: string }[],
  personId: string,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  if (rows.length === 0) return;
  const today = notice.createdAt.slice(0, 10);
  const values: unknown[] = [];
  const tuples = rows.map((r) => {
    values.push(
      r.type,
      r.id,
      personId,
      action,
      r.status,
      r.status,
      today,
      JSON.stringify(details),
      `notice:${notice.source}`,
      'system',
      '01',
    );
    const n = values.length;
    return `($${n - 10}, $${n - 9}, $${n - 8}, $${n - 7}, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}::jsonb, $${n - 2}, $${n - 1}, $${n})`;
  });
  await manager.query(
    `INSERT INTO case_event (entity_type, entity_id, person_id, action, from_status, to_status, occurred_on, details,
    actor_username, actor_role, actor_unit_code) VALUES ${tuples.join(', ')}`,
    values,
  );
}

/**
 * person.merged {survivorId, duplicateId}: police merged two registry records. Every
 * row of this subgraph naming the duplicate now names the survivor; which rows moved is
 * kept in person_merge_log (append-only) so a wrong merge can be undone, and audited.
 * Refused (422, not retried) when both persons have an open episode, a pending dossier
 * or an open post-rehab case: one of them must be closed first.
 */
export const personMerged: ContractHandler<typeof PERSON_MERGED.shape> = async (manager, { survivorId, duplicateId }, notice) => {
  const [open] = await manager.query<[{ episodes: number; dossiers: number; cases: number }]>(
    `SELECT
      (SELECT count(DISTINCT person_id) FROM rehab_episode WHERE person_id = ANY($1) AND status = ANY($2))::int AS episodes,
      (SELECT count(DISTINCT person_id) FROM compulsory_rehab_dossier WHERE person_id = ANY($1) AND status = ANY($3))::int AS dossiers,
      (SELECT count(DISTINCT person_id) FROM post_rehab_case WHERE person_id = ANY($1) AND status = ANY($4))::int AS cases`,
    [[survivorId, duplicateId], OPEN_EPISODE_STATUSES, PENDING_DOSSIER_STATUSES, OPEN_POST_REHAB_STATUSES],
  );
  if (open.episodes > 1 || open.dossiers > 1 || open.cases > 1) {
    throw domainError('CONFLICT', {
      vi: 'Cả hai người đều có hồ sơ cai nghiện đang mở; hãy kết thúc một hồ sơ trước khi hợp nhất',
      en: 'Both persons have an open rehab record; close one before merging',
    });
  }
  const repointed: Record<string, string[]> = {};
  for (const table of PERSON_TABLES) {
    const result = await manager.query<[{ id: string }[], number]>(
      `UPDATE ${table} SET person_id = $1 WHERE person_id = $2 RETURNING id::text AS id`,
      [survivorId, duplicateId],
    );
    const rows = result[0];
    if (rows.length > 0) repointed[table] = rows.map((r) => r.id);
  }
  await manager.query(
    'INSERT INTO person_merge_log (notice_id, survivor_id, duplicate_id, repointed) VALUES ($1, $2, $3, $4::jsonb)',
    [notice.id, survivorId, duplicateId, JSON.stringify(repointed)],
  );
  const fields = Object.keys(repointed).sort();
  await auditNotice(
    manager,
    notice,
    survivorId,
    fields.length > 0 ? fields : ['none'],
    `merged ${duplicateId} into ${survivorId}`,
  );
};

/**
 * residence.moved {personId, toUnitCode}: the person now lives in another commune. The
 * person's open cases (open episodes, pending dossiers, open post-rehab cases) move to
 * it: the receiving commune and district take them over and the old ones no longer see
 * them. Closed cases stay with the commune that handled them.
 */
export const residenceMoved: ContractHandler<typeof RESIDENCE_MOVED.shape> = async (
  manager,
  { personId, toUnitCode: code },
  notice,
) => {
  // The contract checked the code against the reference tree; this database's copy gives the path.
  const unit = await manager.getRepository(AdministrativeUnitEntity).findOneBy({ code });
  if (unit?.level !== 'COMMUNE') {
    throw noticeRejected({
      vi: `Thông báo chuyển nơi cư trú có mã xã không hợp lệ: ${code}`,
      en: `The move notice names no commune: ${code}`,
    });
  }
  const moves = [
    { table: 'rehab_episode', type: 'EPISODE', path: 'residence_owner_path', statuses: OPEN_EPISODE_STATUSES },
    { table: 'compulsory_rehab_dossier', type: 'DOSSIER', path: 'owner_unit_path', statuses: PENDING_DOSSIER_STATUSES },
    { table: 'post_rehab_case', type: 'POST_REHAB', path: 'owner_unit_path', statuses: OPEN_POST_REHAB_STATUSES },
  ] as const;
  const moved: { type: string; id: string; status: string }[] = [];
  for (const m of moves) {
    const [rows] = await manager.query<[{ id: string; status: string }[], number]>(
      `UPDATE ${m.table} SET residence_unit_code = $1, ${m.path} = $2
      WHERE person_id = $3 AND status = ANY($4) AND residence_unit_code <> $1 RETURNING id::text AS id, status`,
      [unit.code, unit.path, personId, m.statuses],
    );
    moved.push(...rows.map((r) => ({ type: m.type, id: r.id, status: r.status })));
  }
  await recordSystemEvents(manager, notice, moved, personId, 'RESIDENCE_MOVED', { toUnitCode: unit.code });
  if (moved.length === 0) return;
  await auditNotice(manager, notice, personId, ['residenceUnit'], `moved to ${unit.code}`);
  // The new commune's officials take over the open cases that moved with the person.
  await notifyCommuneOfficials(manager, notice, unit.path, personId, null);
};

/**
 * support.relapse-risk {personId, assignmentId, observedOn, note?} (from volunteers): a
 * volunteer observed a high relapse risk. The person's open post-rehab case is flagged
 * with a RELAPSE_RISK_REPORTED event (its history, seen by the labour officer and the
 * commune); nothing to flag when the person has no open case (e.g. drug-user management
 * only, which police handles).
 */
export const relapseRiskReported: ContractHandler<typeof RELAPSE_RISK.shape> = async (manager, payload, notice) => {
  const { personId, assignmentId, observedOn, note: text } = payload;
  const rows = await manager.query<{ id: string; status: string; owner_unit_path: string }[]>(
    `SELECT id::text AS id, status, owner_unit_path FROM post_rehab_case WHERE person_id = $1 AND status = ANY($2) FOR UPDATE`,
    [personId, OPEN_POST_REHAB_STATUSES],
  );
  if (rows.length === 0) return;
  for (const c of rows) {
    await manager.query(
      `INSERT INTO case_event (entity_type, entity_id, person_id, action, from_status, to_status, occurred_on, note, details,
      actor_username, actor_role, actor_unit_code) VALUES ('POST_REHAB', $1, $2, 'RELAPSE_RISK_REPORTED', $3, $3, $4, $5, $6::jsonb, $7, 'system', '01')`,
      [c.id, personId, c.status, observedOn, text, JSON.stringify({ assignmentId }), `notice:${notice.source}`],
    );
  }
  await auditNotice(manager, notice, personId, ['events'], `relapse risk observed on ${observedOn}`);
  for (const path of new Set(rows.map((c) => c.owner_unit_path)))
    await notifyCommuneOfficials(manager, notice, path, personId, observedOn);
};

export const noticeHandlers: Readonly<Record<string, NoticeHandler>> = {
  ...onNotice(RELAPSE_RISK, relapseRiskReported),
  ...onNotice(PERSON_MERGED, personMerged),
  ...onNotice(RESIDENCE_MOVED, residenceMoved),
  ...substitutionNoticeHandlers,
};
