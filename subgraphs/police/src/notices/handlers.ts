import { randomUUID } from 'node:crypto';
import {
  REHAB_ABSCONDED,
  REHAB_ADMITTED,
  REHAB_COMPLETED,
  REHAB_RETURNED,
  RELAPSE_RISK,
  domainError,
  noticeRejected,
  onNotice,
  type ContractHandler,
  type NoticeHandler,
} from '@rehab/server-kit';
import { HANOI_CODE } from '@rehab/shared-schema';
import { AbsconderSearchEntity } from '../entities/AbsconderSearch';
import { DrugUserManagementEntity } from '../entities/DrugUserManagement';
import { RehabCompletionNoticeEntity } from '../entities/RehabCompletionNotice';
import { searchMachine } from '../rules/absconder-search';
import { OPEN_MANAGEMENT_STATUSES, managementMachine } from '../rules/drug-user-management';
import { RelapseRiskReportEntity } from '../entities/RelapseRiskReport';
import { registrationOnAdmission, treatmentRegistrationHandlers } from '../treatment-registration/notices';
import { auditNotice, notifyCommunePolice, subject } from './subject';
import { careNoticeHandlers } from '../care/notices';

/** rehab.admitted: an admission to rehab supersedes the person's open drug-user management. */
const admitted: ContractHandler<typeof REHAB_ADMITTED.shape> = async (manager, payload, notice) => {
  const person = await subject(manager, payload.personId);
  await notifyCommunePolice(manager, notice, person, payload.admittedOn);
  const open = await manager
    .getRepository(DrugUserManagementEntity)
    .createQueryBuilder('m')
    .setLock('pessimistic_write')
    .where('m.person_id = :id', { id: person.id })
    .andWhere('m.status IN (:...open)', { open: OPEN_MANAGEMENT_STATUSES })
    .getOne();
  // Nothing open, or a case opened after this admission: nothing to supersede.
  if (!open || payload.admittedOn < open.detectedOn) return;
  const transition = managementMachine.transition(open.status, 'SUPERSEDE');
  if (!transition.ok) throw domainError('ILLEGAL_TRANSITION', transition.text);
  await manager
    .createQueryBuilder()
    .update(DrugUserManagementEntity)
    .set({ status: transition.to, supersededOn: payload.admittedOn, version: () => 'version + 1' })
    .where('id = :id', { id: open.id })
    .execute();
  await auditNotice(manager, notice, 'DrugUserManagement', ['status', 'supersededOn'], person.id);
};

/** rehab.absconded: opens a search on the worklist of the person's commune police. */
const absconded: ContractHandler<typeof REHAB_ABSCONDED.shape> = async (manager, payload, notice) => {
  const person = await subject(manager, payload.personId);
  const ongoing = await manager
    .getRepository(AbsconderSearchEntity)
    .createQueryBuilder('s')
    .where('s.episode_id = :episode', { episode: payload.episodeId })
    .andWhere(`s.status <> 'CLOSED'`)
    .getOne();
  if (ongoing) {
    throw domainError('CONFLICT', {
      vi: `Đã có vụ truy tìm chưa kết thúc (${ongoing.id}) cho đợt cai nghiện ${payload.episodeId}`,
      en: `A search (${ongoing.id}) for rehab episode ${payload.episodeId} is still open`,
    });
  }
  await manager
    .createQueryBuilder()
    .insert()
    .into(AbsconderSearchEntity)
    .values({
      id: randomUUID(),
      personId: person.id,
      episodeId: payload.episodeId,
      facilityCode: payload.facilityCode,
      reason: payload.reason,
      since: payload.since,
      status: 'OPEN',
      openedAt: () => 'now()',
      foundOn: null,
      foundNote: null,
      foundBy: null,
      returnedOn: null,
      ownerUnitPath: person.ownerUnitPath,
      version: 1,
    })
    .updateEntity(false)
    .execute();
  await auditNotice(
    manager,
    notice,
    'AbsconderSearch',
    ['facility', 'reason', 'since', 'status'],
    person.id,
    payload.facilityCode,
  );
  await notifyCommunePolice(manager, notice, person, payload.since);
};

/** rehab.returned: the person is back at the facility; the episode's search closes. */
const returned: ContractHandler<typeof REHAB_RETURNED.shape> = async (manager, payload, notice) => {
  const person = await subject(manager, payload.personId);
  const search = await manager
    .getRepository(AbsconderSearchEntity)
    .createQueryBuilder('s')
    .setLock('pessimistic_write')
    .where('s.episode_id = :episode', { episode: payload.episodeId })
    .andWhere(`s.status <> 'CLOSED'`)
    .getOne();
  // A return from leave on time never opened a search: nothing to close.
  if (!search) return;
  const transition = searchMachine.transition(search.status, 'RECORD_RETURN');
  if (!transition.ok) throw domainError('ILLEGAL_TRANSITION', transition.text);
  if (payload.returnedOn < search.since) {
    throw noticeRejected({
      vi: `Ngày trở lại ${payload.returnedOn} ở trước ngày bỏ trốn ${search.since}`,
      en: `The return date ${payload.returnedOn} is before the absconding date ${search.since}`,
    });
  }
  await manager
    .createQueryBuilder()
    .update(AbsconderSearchEntity)
    .set({ status: transition.to, returnedOn: payload.returnedOn, version: () => 'version + 1' })
    .where('id = :id', { id: search.id })
    .execute();
  await auditNotice(manager, notice, 'AbsconderSearch', ['returnedOn', 'status'], person.id, search.facilityCode);
  await notifyCommunePolice(manager, notice, person, payload.returnedOn);
};

/** rehab.completed: the facility's completion list reaches the commune police's worklist. */
const completed: ContractHandler<typeof REHAB_COMPLETED.shape> = async (manager, payload, notice) => {
  const person = await subject(manager, payload.personId);
  const existing = await manager.getRepository(RehabCompletionNoticeEntity).findOneBy({ episodeId: payload.episodeId });
  if (existing) {
    throw domainError('CONFLICT', {
      vi: `Đã nhận thông báo hoàn thành cai nghiện của đợt ${payload.episodeId}`,
      en: `Rehab episode ${payload.episodeId} was already reported completed`,
    });
  }
  await manager
    .createQueryBuilder()
    .insert()
    .into(RehabCompletionNoticeEntity)
    .values({
      id: randomUUID(),
      personId: person.id,
      episodeId: payload.episodeId,
      facilityCode: payload.facilityCode,
      completedOn: payload.completedOn,
      certificateNumber: payload.certificateNumber,
      receivedAt: () => 'now()',
      acknowledgedAt: null,
      acknowledgedBy: null,
      ownerUnitPath: person.ownerUnitPath,
      version: 1,
    })
    .updateEntity(false)
    .execute();
  await auditNotice(
    manager,
    notice,
    'RehabCompletionNotice',
    ['certificateNumber', 'completedOn', 'facility'],
    person.id,
    payload.facilityCode ?? HANOI_CODE,
  );
  await notifyCommunePolice(manager, notice, person, payload.completedOn);
};

/**
 * support.relapse-risk (from volunteers): a volunteer observed a high relapse risk; the
 * report goes on the worklist of the person's commune police (relapseRiskReports). One
 * report per notice (the inbox already drops a redelivered notice; the unique notice id
 * is the database's guard).
 */
const relapseRisk: ContractHandler<typeof RELAPSE_RISK.shape> = async (manager, payload, notice) => {
  const person = await subject(manager, payload.personId);
  await manager
    .createQueryBuilder()
    .insert()
    .into(RelapseRiskReportEntity)
    .values({
      id: randomUUID(),
      noticeId: notice.id,
      personId: person.id,
      assignmentId: payload.assignmentId,
      observedOn: payload.observedOn,
      note: payload.note,
      receivedAt: () => 'now()',
      ownerUnitPath: person.ownerUnitPath,
    })
    .updateEntity(false)
    .execute();
  await auditNotice(manager, notice, 'RelapseRiskReport', ['note', 'observedOn'], person.id);
  await notifyCommunePolice(manager, notice, person, payload.observedOn);
};

/** Topics police handles: the rehab ones sent by labour-welfare, the relapse risk by volunteers, determinations and treatment by health. */
export const policeNoticeHandlers: Readonly<Record<string, NoticeHandler>> = {
  ...onNotice(RELAPSE_RISK, relapseRisk),
  // A voluntary admission also meets a treatment-registration deadline.
  ...onNotice(REHAB_ADMITTED, admitted, registrationOnAdmission),
  ...onNotice(REHAB_ABSCONDED, absconded),
  ...onNotice(REHAB_RETURNED, returned),
  ...onNotice(REHAB_COMPLETED, completed),
  ...treatmentRegistrationHandlers,
  ...careNoticeHandlers,
};
