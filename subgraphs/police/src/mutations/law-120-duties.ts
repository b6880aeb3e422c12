import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkExpectedVersion, checkUuid, domainError } from '@rehab/server-kit';
import { todayInHanoi, type LegalRuleCode } from '@rehab/shared-schema';
import type {
  MutationRecordSubstanceDeclarationArgs,
  MutationRecordSummonsOutcomeArgs,
  MutationSummonDrugUserArgs,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { DrugUserManagementEntity } from '../entities/DrugUserManagement';
import { SubstanceDeclarationEntity } from '../entities/SubstanceDeclaration';
import { SummonsEntity } from '../entities/Summons';
import { declarationProblems, outcomeProblems, summonsMachine, summonsProblems } from '../rules/law-120';
import { allowed, lockInScope, rejectProblems } from './common';
import { MANAGEMENT } from './drug-users';
import { requireCommunePolice, requireRuleInForce } from './law-120-checks';

export const SUMMONS = { vi: 'giấy triệu tập', en: 'summons' };

/**
 * The management, locked, when in the caller's unit and ACTIVE, with a record dated `date`
 * allowed by the rule `code` in force that day and not before the detection.
 */
async function lockManagementFor(
  manager: EntityManager,
  ctx: Context,
  managementId: string,
  code: LegalRuleCode,
  date: string,
  field: string,
): Promise<DrugUserManagementEntity> {
  const m = await lockInScope(manager, DrugUserManagementEntity, managementId, ctx.caller, MANAGEMENT, (r) => [r.ownerUnitPath]);
  if (m.status !== 'ACTIVE') {
    throw domainError('ILLEGAL_TRANSITION', {
      vi: 'Chỉ ghi nhận được với người đang bị quản lý (hồ sơ quản lý ở trạng thái "đang quản lý")',
      en: 'Only a person under an active management can be recorded for this',
    });
  }
  await requireRuleInForce(manager, code, date, field);
  if (date < m.detectedOn) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Ngày ${date} ở trước ngày phát hiện ${m.detectedOn}`,
        en: `The date ${date} is before the detection date ${m.detectedOn}`,
      },
      { field },
    );
  }
  return m;
}

export async function recordSubstanceDeclaration(
  { managementId, input }: MutationRecordSubstanceDeclarationArgs,
  ctx: Context,
): Promise<SubstanceDeclarationEntity> {
  const id = checkUuid(managementId, 'managementId');
  rejectProblems(declarationProblems(input, todayInHanoi()));
  requireCommunePolice(ctx);
  return ctx.db.transaction(async (manager) => {
    const m = await lockManagementFor(manager, ctx, id, 'SUBSTANCE_DECLARATION', input.declaredOn, 'declaredOn');
    const declarationId = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(SubstanceDeclarationEntity)
      .values({
        id: declarationId,
        managementId: id,
        personId: m.personId,
        declaredOn: input.declaredOn,
        substances: input.substances,
        source: input.source.trim(),
        recordedBy: ctx.caller.username,
        recordedAt: new Date(),
        ownerUnitPath: m.ownerUnitPath,
      })
      .updateEntity(false)
      .execute();
    await ctx.audit.change(manager, 'SubstanceDeclaration', ['declaredOn', 'source', 'substances'], m.personId);
    return manager.getRepository(SubstanceDeclarationEntity).findOneByOrFail({ id: declarationId });
  });
}

export async function summonDrugUser({ managementId, input }: MutationSummonDrugUserArgs, ctx: Context): Promise<SummonsEntity> {
  const id = checkUuid(managementId, 'managementId');
  rejectProblems(summonsProblems(input, todayInHanoi()));
  requireCommunePolice(ctx);
  return ctx.db.transaction(async (manager) => {
    const m = await lockManagementFor(manager, ctx, id, 'SUMMONS_APPEARANCE', input.summonedOn, 'summonedOn');
    const summonsId = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(SummonsEntity)
      .values({
        id: summonsId,
        managementId: id,
        personId: m.personId,
        summonedOn: input.summonedOn,
        appearOn: input.appearOn,
        reason: input.reason.trim(),
        issuedBy: ctx.caller.username,
        issuedAt: new Date(),
        outcome: null,
        outcomeNote: null,
        outcomeRecordedAt: null,
        outcomeRecordedBy: null,
        ownerUnitPath: m.ownerUnitPath,
        version: 1,
      })
      .updateEntity(false)
      .execute();
    await ctx.audit.change(manager, 'Summons', ['appearOn', 'reason', 'summonedOn'], m.personId);
    return manager.getRepository(SummonsEntity).findOneByOrFail({ id: summonsId });
  });
}

export async function recordSummonsOutcome(args: MutationRecordSummonsOutcomeArgs, ctx: Context): Promise<SummonsEntity> {
  const id = checkUuid(args.id, 'id');
  const note = args.note?.trim() || null;
  requireCommunePolice(ctx);
  return ctx.db.transaction(async (manager) => {
    const s = await lockInScope(manager, SummonsEntity, id, ctx.caller, SUMMONS, (r) => [r.ownerUnitPath]);
    checkExpectedVersion(s.version, args.expectedVersion, SUMMONS);
    allowed(summonsMachine.transition(s.outcome ? 'RECORDED' : 'AWAITING', 'RECORD_OUTCOME'));
    rejectProblems(outcomeProblems(s, args.outcome, note, todayInHanoi()));
    await manager
      .createQueryBuilder()
      .update(SummonsEntity)
      .set({
        outcome: args.outcome,
        outcomeNote: note,
        outcomeRecordedAt: () => 'now()',
        outcomeRecordedBy: ctx.caller.username,
        version: () => 'version + 1',
      })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(manager, 'Summons', ['outcome', 'outcomeNote'], s.personId);
    return manager.getRepository(SummonsEntity).findOneByOrFail({ id });
  });
}
