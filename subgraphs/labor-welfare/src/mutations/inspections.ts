import { randomUUID } from 'node:crypto';
import {
  domainError,
  lockProgrammeRecord,
  programmeUnit,
  requireResponsible,
  requireUnit,
  unitSubtree,
  type RecordName,
} from '@rehab/server-kit';
import { todayInHanoi } from '@rehab/shared-schema';
import type { InspectionResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers';
import { InspectionEntity } from '../entities/Inspection';
import { badInput, checkNotBefore, checkNotFuture, optionalText, requiredText } from '../rules/errors';
import { inTransaction } from './support';
import { unitOf } from '../resolvers/unit';

const INSPECTION: RecordName = { vi: 'cuộc thanh tra, kiểm tra', en: 'inspection' };
const MAX_LISTED = 200;

export type InspectionStatus = 'CLOSED' | 'FOLLOW_UP' | 'OVERDUE' | 'RESOLVED';

export function inspectionStatus(
  i: Pick<InspectionEntity, 'violations' | 'resolvedOn' | 'followUpDueOn'>,
  today: string,
): InspectionStatus {
  if (i.violations === 0) return 'CLOSED';
  if (i.resolvedOn !== null) return 'RESOLVED';
  return i.followUpDueOn !== null && i.followUpDueOn < today ? 'OVERDUE' : 'FOLLOW_UP';
}

function violationsOf(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 1000) {
    throw badInput(
      { vi: 'Số vi phạm phải là số nguyên từ 0 đến 1000', en: 'Violations must be a whole number from 0 to 1000' },
      'input.violations',
    );
  }
  return value;
}

/** A follow-up date is required when violations were found, and refused otherwise. */
function followUpOf(violations: number, due: string | null | undefined, inspectedOn: string): string | null {
  if (violations === 0) {
    if (due)
      throw badInput(
        { vi: 'Không có vi phạm thì không cần hạn khắc phục', en: 'No violations: no follow-up date' },
        'input.followUpDueOn',
      );
    return null;
  }
  if (!due)
    throw badInput(
      { vi: 'Có vi phạm: cần hạn khắc phục', en: 'Violations found: give the follow-up date' },
      'input.followUpDueOn',
    );
  checkNotBefore(due, inspectedOn, 'input.followUpDueOn', { vi: 'ngày thanh tra, kiểm tra', en: 'the inspection' });
  return due;
}

export const inspectionMutations: Pick<MutationResolvers, 'recordInspection' | 'resolveInspection'> = {
  recordInspection: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      requireResponsible(ctx.caller, 'REHAB_STATE_MANAGEMENT', input.inspectedOn);
      const unit = programmeUnit(ctx.caller, input.unitCode, 'input.unitCode', input.inspectedOn, INSPECTION, [
        'FACILITY',
        'COMMUNE',
      ]);
      checkNotFuture(input.inspectedOn, 'input.inspectedOn');
      const violations = violationsOf(input.violations);
      const id = randomUUID();
      await manager.getRepository(InspectionEntity).insert({
        id,
        unitCode: unit.code,
        ownerUnitPath: unit.path,
        kind: input.kind,
        inspectedOn: input.inspectedOn,
        agency: ctx.caller.agency,
        findings: requiredText(input.findings, 'input.findings', { vi: 'kết luận', en: 'findings' }, 4000),
        violations,
        recommendations: optionalText(
          input.recommendations,
          'input.recommendations',
          { vi: 'kiến nghị', en: 'recommendations' },
          4000,
        ),
        followUpDueOn: followUpOf(violations, input.followUpDueOn, input.inspectedOn),
        resolvedOn: null,
        resolution: null,
        recordedBy: ctx.caller.username,
        version: 1,
      });
      await ctx.audit.change(manager, 'Inspection', ['findings', 'followUpDueOn', 'inspectedOn', 'unit', 'violations'], null);
      return manager.getRepository(InspectionEntity).findOneByOrFail({ id });
    }),

  resolveInspection: (_parent, { id, expectedVersion, resolvedOn, resolution }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const row = await lockProgrammeRecord(manager, ctx.caller, {
        entity: InspectionEntity,
        name: INSPECTION,
        id,
        expectedVersion,
        sameAgency: false,
      });
      requireResponsible(ctx.caller, 'REHAB_STATE_MANAGEMENT', resolvedOn);
      const status = inspectionStatus(row, todayInHanoi());
      if (status === 'CLOSED' || status === 'RESOLVED') {
        throw domainError('ILLEGAL_TRANSITION', {
          vi:
            status === 'CLOSED'
              ? 'Cuộc thanh tra, kiểm tra không phát hiện vi phạm'
              : `Vi phạm đã được khắc phục ngày ${row.resolvedOn ?? ''}`,
          en: status === 'CLOSED' ? 'The inspection found no violation' : `Already put right on ${row.resolvedOn ?? ''}`,
        });
      }
      checkNotFuture(resolvedOn, 'resolvedOn');
      checkNotBefore(resolvedOn, row.inspectedOn, 'resolvedOn', { vi: 'ngày thanh tra, kiểm tra', en: 'the inspection' });
      const text = requiredText(resolution, 'resolution', { vi: 'kết quả khắc phục', en: 'resolution' }, 4000);
      await manager
        .getRepository(InspectionEntity)
        .update({ id: row.id }, { resolvedOn, resolution: text, version: row.version + 1 });
      await ctx.audit.change(manager, 'Inspection', ['resolution', 'resolvedOn'], null);
      return manager.getRepository(InspectionEntity).findOneByOrFail({ id: row.id });
    }),
};

/** Open follow-ups: violations found and not yet put right. */
const OPEN = 'i.violations > 0 AND i.resolved_on IS NULL';

/** Inspections are public administration (findings about institutions, no person named): anyone reads them. */
export const inspectionQueries: Pick<QueryResolvers, 'inspections'> = {
  inspections: (_parent, { unitCode, openOnly }, ctx) => {
    const unit = requireUnit(unitCode, 'unitCode', ['PROVINCE', 'COMMUNE', 'FACILITY']);
    const within = unitSubtree('i.owner_unit_path', unit.path);
    const query = ctx.db.getRepository(InspectionEntity).createQueryBuilder('i').where(within.sql, within.params);
    if (openOnly) query.andWhere(OPEN);
    return query.orderBy('i.inspected_on', 'DESC').addOrderBy('i.id', 'ASC').limit(MAX_LISTED).getMany();
  },
};

export const Inspection: InspectionResolvers = {
  unit: (i, _args, ctx) => unitOf(i.unitCode, ctx),
  status: (i) => inspectionStatus(i, todayInHanoi()),
};
