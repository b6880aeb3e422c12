import { randomUUID } from 'node:crypto';
import { domainError, requirePersonInScope } from '@rehab/server-kit';
import { isUuid, type Role } from '@rehab/shared-schema';
import type { MutationResolvers } from '../__generated__/resolvers';
import { AddictionDeterminationRequestEntity, type RequesterKind } from '../entities/AddictionDeterminationRequest';
import { closeDispensingPoint, openDispensingPoint } from '../mutations/dispensing-points';
import { recordClinicDoses } from '../mutations/doses';
import { recordAddictionExamination } from '../mutations/examination';
import { requestDay } from '../mutations/request-day';
import { recordInfectionStatus, recordUrineTest } from '../mutations/tests';
import { recordDrugUseScreening } from '../mutations/screening';
import { endDrugInducedPsychosisCare, recordDrugInducedPsychosis } from '../mutations/psychosis';
import {
  advanceTreatmentPhase,
  enrollSubstitutionTreatment,
  terminateTreatment,
  transferTreatment,
} from '../mutations/treatment';

/** The kind of requester each role that may ask for a determination acts as. */
const KIND_OF_ROLE: Partial<Record<Role, RequesterKind>> = {
  police_officer: 'POLICE',
  commune_official: 'COMMUNE',
  facility_staff: 'FACILITY',
};

export const Mutation: MutationResolvers = {
  // The request belongs to the requesting unit; the person must live where it acts (the person directory police keep current).
  requestAddictionDetermination: async (_parent, args, ctx) => {
    if (!isUuid(args.personId)) {
      throw domainError(
        'BAD_USER_INPUT',
        { vi: `Mã định danh người không hợp lệ: ${args.personId}`, en: `Invalid person id: ${args.personId}` },
        { field: 'personId' },
      );
    }
    const reason = args.reason.trim();
    if (reason === '' || reason.length > 1000) {
      throw domainError(
        'BAD_USER_INPUT',
        { vi: 'Lý do đề nghị phải có từ 1 đến 1000 ký tự', en: 'The reason must have 1 to 1000 characters' },
        { field: 'reason' },
      );
    }
    const kind = KIND_OF_ROLE[ctx.caller.role];
    if (kind !== args.requestedBy) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Vai trò của bạn chỉ được đề nghị với tư cách ${kind ?? '—'}, không phải ${args.requestedBy}`,
          en: `Your role may only request as ${kind ?? '—'}, not ${args.requestedBy}`,
        },
        { field: 'requestedBy' },
      );
    }
    const { requestedOn, lateEntryReason } = requestDay(args.requestedOn, args.lateEntryReason);
    const id = randomUUID();
    const personId = args.personId.toLowerCase();
    return ctx.db.transaction(async (manager) => {
      await requirePersonInScope(manager, ctx.caller, personId);
      await manager
        .createQueryBuilder()
        .insert()
        .into(AddictionDeterminationRequestEntity)
        .values({
          id,
          personId,
          requestedAt: () => 'now()',
          requestedOn,
          lateEntryReason,
          requestedBy: kind,
          requestedByUsername: ctx.caller.username,
          reason,
          ownerUnitCode: ctx.caller.unitCode,
          ownerUnitPath: ctx.caller.unitPath,
          version: 1,
        })
        .updateEntity(false)
        .execute();
      await ctx.audit.change(
        manager,
        'AddictionDeterminationRequest',
        ['reason', 'requestedBy', 'requestedOn', 'requestingUnit', ...(lateEntryReason ? ['lateEntryReason'] : [])],
        personId,
      );
      return manager.getRepository(AddictionDeterminationRequestEntity).findOneByOrFail({ id });
    });
  },
  recordAddictionExamination: (_parent, args, ctx) => recordAddictionExamination(args, ctx),
  enrollSubstitutionTreatment: (_parent, args, ctx) => enrollSubstitutionTreatment(args, ctx),
  advanceTreatmentPhase: (_parent, args, ctx) => advanceTreatmentPhase(args, ctx),
  transferTreatment: (_parent, args, ctx) => transferTreatment(args, ctx),
  terminateTreatment: (_parent, args, ctx) => terminateTreatment(args, ctx),
  recordClinicDoses: (_parent, args, ctx) => recordClinicDoses(args, ctx),
  openDispensingPoint: (_parent, args, ctx) => openDispensingPoint(args, ctx),
  closeDispensingPoint: (_parent, args, ctx) => closeDispensingPoint(args, ctx),
  recordUrineTest: (_parent, args, ctx) => recordUrineTest(args, ctx),
  recordDrugUseScreening: (_parent, args, ctx) => recordDrugUseScreening(args, ctx),
  recordDrugInducedPsychosis: (_parent, args, ctx) => recordDrugInducedPsychosis(args, ctx),
  endDrugInducedPsychosisCare: (_parent, args, ctx) => endDrugInducedPsychosisCare(args, ctx),
  recordInfectionStatus: (_parent, args, ctx) => recordInfectionStatus(args, ctx),
};
