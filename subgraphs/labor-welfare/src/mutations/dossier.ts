import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Caller } from '@rehab/shared-schema';
import type { DossierDraftChanges, MutationResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { CompulsoryRehabDossierEntity } from '../entities/CompulsoryRehabDossier';
import { PostRehabCaseEntity } from '../entities/PostRehabCase';
import { RehabEpisodeEntity } from '../entities/RehabEpisode';
import { ageOn, daysBetween, responsibleFor, todayInHanoi, units } from '@rehab/shared-schema';
import { COURT_ACTION, PENDING_DOSSIER_STATUSES, nextDossierStatus, type DossierAction } from '../rules/dossier';
import {
  DOSSIER_NAME,
  POST_REHAB_NAME,
  badInput,
  checkNotBefore,
  checkNotFuture,
  notAllowed,
  optionalText,
  recordNotFound,
  requiredText,
} from '../rules/errors';
import { COMPULSORY_MIN_AGE, checkTerm, termRangeForDossier } from '../rules/term';
import { checkMinorPlacement } from '../rules/minors';
import {
  PENDING_DOSSIER_EXISTS,
  applyChanges,
  checkActsOn,
  checkUuid,
  checkVersion,
  inTransaction,
  inputFacility,
  inputUnit,
  legalRules,
  lockForChange,
  recordEvent,
} from './support';
import { actsOn, domainError, requirePersonInScope, requireResponsible } from '@rehab/server-kit';

const DOSSIER_TYPE = 'CompulsoryRehabDossier';

/** The paths that make a dossier visible: the commune, the facility the court named, the facility holding the person, the court. */
export const dossierPaths = (d: CompulsoryRehabDossierEntity) => [
  d.ownerUnitPath,
  d.facilityOwnerPath,
  d.interimFacilityPath,
  d.courtUnitPath,
];

/** Locks a dossier the caller's unit owns (the residence commune's subtree) for a change. */
export function lockDossier(
  manager: EntityManager,
  caller: Caller,
  id: string,
  expectedVersion: number,
  actingPath: (d: CompulsoryRehabDossierEntity) => string | null = (d) => d.ownerUnitPath,
): Promise<CompulsoryRehabDossierEntity> {
  checkVersion(expectedVersion);
  return lockForChange(manager, caller, {
    entity: CompulsoryRehabDossierEntity,
    name: DOSSIER_NAME,
    key: { column: 'id', value: checkUuid(id, 'id') },
    expectedVersion,
    paths: dossierPaths,
    actingPath,
  });
}

/** Days held at a facility up to `until` (closed periods plus the current one). */
export function daysHeldUntil(
  d: Pick<CompulsoryRehabDossierEntity, 'daysHeldClosed' | 'interimMeasure' | 'interimSince'>,
  until: string,
): number {
  const current = d.interimMeasure === 'HELD_AT_FACILITY' && d.interimSince ? Math.max(0, daysBetween(d.interimSince, until)) : 0;
  return d.daysHeldClosed + current;
}

/** The interim measure ends on `on`: a period held at a facility is added to the days held. */
function endInterim(d: CompulsoryRehabDossierEntity, on: string): Partial<CompulsoryRehabDossierEntity> {
  return {
    daysHeldClosed: daysHeldUntil(d, on),
    interimMeasure: null,
    interimFacilityCode: null,
    interimFacilityPath: null,
    interimSince: null,
  };
}

/**
 * Is this a repeat case? Known from this agency's own records: the person had a
 * compulsory rehab episode admitted before the dossier started (every compulsory
 * admission is recorded here, and person merges repoint them), or the dossier cites a
 * prior compulsory-rehab decision on paper (from before the system).
 */
async function isRepeat(
  manager: EntityManager,
  personId: string,
  startedOn: string,
  priorDecisionRef: string | null,
): Promise<boolean> {
  if (priorDecisionRef) return true;
  const [row] = await manager.query<[{ repeat: boolean }]>(
    `SELECT EXISTS (SELECT 1 FROM rehab_episode WHERE person_id = $1 AND kind = 'COMPULSORY'
    AND admitted_on < $2) AS repeat`,
    [personId, startedOn],
  );
  return row.repeat;
}

function checkSubjectAge(dateOfBirth: string, startedOn: string): void {
  checkNotFuture(dateOfBirth, 'subjectDateOfBirth');
  const age = ageOn(dateOfBirth, startedOn);
  if (age < COMPULSORY_MIN_AGE) {
    throw notAllowed(
      {
        vi: `Người dưới ${COMPULSORY_MIN_AGE} tuổi (${age} tuổi) không thuộc đối tượng cai nghiện bắt buộc`,
        en: `A person under ${COMPULSORY_MIN_AGE} (aged ${age}) cannot be sent to compulsory rehab`,
      },
      'subjectDateOfBirth',
    );
  }
}

const NAME_LABEL = { vi: 'họ tên', en: 'full name' };
const REF_LABEL = { vi: 'số hiệu văn bản', en: 'document reference' };

/** One transition of a dossier with its event and audit row; `changes` adds the fields the step records. */
export async function transition(
  manager: EntityManager,
  ctx: Context,
  d: CompulsoryRehabDossierEntity,
  action: DossierAction,
  occurredOn: string,
  changes: Partial<CompulsoryRehabDossierEntity>,
  note: string | null = null,
  details: Record<string, unknown> = {},
): Promise<CompulsoryRehabDossierEntity> {
  const to = nextDossierStatus(d.status, action);
  const updated = await applyChanges(manager, CompulsoryRehabDossierEntity, d, 'id', { ...changes, status: to });
  await recordEvent(manager, ctx.caller, {
    entityType: 'DOSSIER',
    entityId: d.id,
    personId: d.personId,
    action,
    fromStatus: d.status,
    toStatus: to,
    occurredOn,
    note,
    details,
  });
  await ctx.audit.change(manager, DOSSIER_TYPE, ['status', ...Object.keys(changes)].sort(), d.personId);
  return updated;
}

const COURT_NOT_YET = {
  vi: 'Hồ sơ gửi phòng Lao động kiểm tra trước, chưa chọn Tòa án',
  en: 'The dossier goes to the district labour office first: no court is chosen yet',
};

/** Did a dossier submitted on `on` go to the district labour office for review (before 1 March 2025)? */
function reviewedOn(on: string): boolean {
  return responsibleFor('DOSSIER_REVIEW', on).length > 0;
}

/**
 * The court a dossier sent on `on` goes to: from 1 July 2025 a regional court of the
 * dossier's province, named by the sender (or the province's only one); before, the
 * district court of the commune (no court unit: the tree finds it).
 */
function courtFor(
  d: CompulsoryRehabDossierEntity,
  on: string,
  code: string | null | undefined,
): { courtUnitCode: string | null; courtUnitPath: string | null } {
  const regional = responsibleFor('COURT_DECISION', on).some((r) => r.unitLevel === 'COURT');
  if (!regional) {
    if (code)
      throw badInput(
        {
          vi: 'Trước ngày 01/7/2025 hồ sơ gửi Tòa án cấp huyện, không chọn Tòa án khu vực',
          en: 'Before 1 July 2025 the district court decides: no regional court is chosen',
        },
        'courtUnitCode',
      );
    return { courtUnitCode: null, courtUnitPath: null };
  }
  const province = d.ownerUnitPath.split('.')[0] ?? '';
  const courts = units().within(units().provinceToday(d.ownerUnitPath)?.path ?? province, on, ['COURT']);
  const chosen = code ? inputUnit(code, 'courtUnitCode', ['COURT'], on) : courts.length === 1 ? courts[0] : undefined;
  if (!chosen) {
    throw badInput(
      {
        vi: `Chọn Tòa án nhân dân khu vực nhận hồ sơ (${courts.map((c) => `${c.code} ${c.name}`).join('; ')})`,
        en: `Choose the regional court to send the dossier to (${courts.map((c) => c.code).join(', ')})`,
      },
      'courtUnitCode',
    );
  }
  if (!courts.some((c) => c.path === chosen.path)) {
    throw badInput(
      {
        vi: `${chosen.name} không thuộc tỉnh, thành phố của hồ sơ`,
        en: `${chosen.code} is not a court of the dossier's province`,
      },
      'courtUnitCode',
    );
  }
  return { courtUnitCode: chosen.code, courtUnitPath: chosen.path };
}

function dateOrToday(value: string | null | undefined, field: string): string {
  const date = value ?? todayInHanoi();
  checkNotFuture(date, field);
  return date;
}

async function draftChanges(
  manager: EntityManager,
  d: CompulsoryRehabDossierEntity,
  changes: DossierDraftChanges,
): Promise<Partial<CompulsoryRehabDossierEntity>> {
  const out: Partial<CompulsoryRehabDossierEntity> = {};
  if (changes.ground) out.ground = changes.ground;
  if (changes.groundNote !== undefined)
    out.groundNote = optionalText(changes.groundNote, 'changes.groundNote', { vi: 'ghi chú', en: 'note' }, 2000);
  if (changes.subjectFullName)
    out.subjectFullName = requiredText(changes.subjectFullName, 'changes.subjectFullName', NAME_LABEL, 200);
  if (changes.subjectDateOfBirth) {
    checkSubjectAge(changes.subjectDateOfBirth, d.startedOn);
    out.subjectDateOfBirth = changes.subjectDateOfBirth;
  }
  if (changes.addictionDeterminationRef !== undefined) {
    out.addictionDeterminationRef = optionalText(
      changes.addictionDeterminationRef,
      'changes.addictionDeterminationRef',
      REF_LABEL,
      100,
    );
  }
  if (changes.priorDecisionRef !== undefined) {
    out.priorDecisionRef = optionalText(changes.priorDecisionRef, 'changes.priorDecisionRef', REF_LABEL, 100);
    out.repeat = await isRepeat(manager, d.personId, d.startedOn, out.priorDecisionRef);
  }
  if (Object.keys(out).length === 0) {
    throw badInput({ vi: 'Không có nội dung nào cần sửa', en: 'Nothing to change' }, 'changes');
  }
  return out;
}

export const dossierMutations: Pick<
  MutationResolvers,
  | 'draftCompulsoryRehabDossier'
  | 'updateDossierDraft'
  | 'submitCompulsoryRehabDossier'
  | 'returnDossierForCorrection'
  | 'forwardDossierToCourt'
  | 'recordCourtDecision'
  | 'setInterimMeasure'
  | 'recordDossierEscort'
> = {
  draftCompulsoryRehabDossier: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const personId = checkUuid(input.personId, 'input.personId');
      const startedOn = dateOrToday(input.startedOn, 'input.startedOn');
      requireResponsible(ctx.caller, 'DOSSIER_DRAFTING', startedOn);
      const residence = inputUnit(input.residenceUnitCode, 'input.residenceUnitCode', ['COMMUNE'], startedOn);
      checkActsOn(ctx.caller, residence.path, DOSSIER_NAME);
      const subjectFullName = requiredText(input.subjectFullName, 'input.subjectFullName', NAME_LABEL, 200);
      checkSubjectAge(input.subjectDateOfBirth, startedOn);
      const priorDecisionRef = optionalText(input.priorDecisionRef, 'input.priorDecisionRef', REF_LABEL, 100);
      await requirePersonInScope(manager, ctx.caller, personId, 'input.personId');
      let postRehabCaseId: string | null = null;
      if (input.postRehabCaseId) {
        postRehabCaseId = checkUuid(input.postRehabCaseId, 'input.postRehabCaseId');
        const relapsed = await manager.getRepository(PostRehabCaseEntity).findOneBy({ id: postRehabCaseId, personId });
        if (!relapsed || !actsOn(ctx.caller, relapsed.ownerUnitPath))
          throw recordNotFound(POST_REHAB_NAME, postRehabCaseId, 'input.postRehabCaseId');
        if (relapsed.status !== 'RELAPSED') {
          throw badInput(
            {
              vi: 'Hồ sơ quản lý sau cai nghiện này chưa ghi nhận tái nghiện',
              en: 'That post-rehab case has not recorded a relapse',
            },
            'input.postRehabCaseId',
          );
        }
      }
      const pending = await manager
        .getRepository(CompulsoryRehabDossierEntity)
        .createQueryBuilder('d')
        .where('d.person_id = :personId AND d.status IN (:...pending)', { personId, pending: PENDING_DOSSIER_STATUSES })
        .getExists();
      if (pending) throw domainError('ILLEGAL_TRANSITION', PENDING_DOSSIER_EXISTS);
      const id = randomUUID();
      await manager
        .createQueryBuilder()
        .insert()
        .into(CompulsoryRehabDossierEntity)
        .values({
          id,
          personId,
          status: 'DRAFTED',
          ground: input.ground,
          groundNote: optionalText(input.groundNote, 'input.groundNote', { vi: 'ghi chú', en: 'note' }, 2000),
          startedOn,
          residenceUnitCode: residence.code,
          ownerUnitPath: residence.path,
          subjectFullName,
          subjectDateOfBirth: input.subjectDateOfBirth,
          repeat: await isRepeat(manager, personId, startedOn, priorDecisionRef),
          priorDecisionRef,
          addictionDeterminationRef: optionalText(
            input.addictionDeterminationRef,
            'input.addictionDeterminationRef',
            REF_LABEL,
            100,
          ),
          postRehabCaseId,
          daysHeldClosed: 0,
        })
        .updateEntity(false)
        .execute();
      await recordEvent(manager, ctx.caller, {
        entityType: 'DOSSIER',
        entityId: id,
        personId,
        action: 'DRAFT',
        fromStatus: null,
        toStatus: 'DRAFTED',
        occurredOn: startedOn,
      });
      await ctx.audit.change(
        manager,
        DOSSIER_TYPE,
        ['ground', 'startedOn', 'status', 'subjectDateOfBirth', 'subjectFullName'],
        personId,
      );
      return manager.getRepository(CompulsoryRehabDossierEntity).findOneByOrFail({ id });
    }),

  updateDossierDraft: (_parent, { id, expectedVersion, changes }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const d = await lockDossier(manager, ctx.caller, id, expectedVersion);
      nextDossierStatus(d.status, 'EDIT');
      requireResponsible(ctx.caller, 'DOSSIER_DRAFTING', todayInHanoi());
      return transition(manager, ctx, d, 'EDIT', todayInHanoi(), await draftChanges(manager, d, changes));
    }),

  submitCompulsoryRehabDossier: (_parent, { id, expectedVersion, submittedOn, courtUnitCode }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const d = await lockDossier(manager, ctx.caller, id, expectedVersion);
      nextDossierStatus(d.status, 'SUBMIT');
      const on = dateOrToday(submittedOn, 'submittedOn');
      checkNotBefore(on, d.startedOn, 'submittedOn', { vi: 'ngày lập hồ sơ', en: 'the day the dossier started' });
      requireResponsible(ctx.caller, 'DOSSIER_SUBMISSION', on);
      if (reviewedOn(on)) {
        if (courtUnitCode) throw badInput(COURT_NOT_YET, 'courtUnitCode');
        return transition(manager, ctx, d, 'SUBMIT', on, { submittedOn: on });
      }
      // No district review since 1 March 2025: the dossier goes from the compiler to the court.
      const court = courtFor(d, on, courtUnitCode);
      const submitted = await transition(manager, ctx, d, 'SUBMIT', on, { submittedOn: on });
      return transition(manager, ctx, submitted, 'FORWARD_TO_COURT', on, { forwardedOn: on, ...court }, null, {
        court: court.courtUnitCode,
      });
    }),

  returnDossierForCorrection: (_parent, { id, expectedVersion, reason, returnedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const d = await lockDossier(manager, ctx.caller, id, expectedVersion);
      nextDossierStatus(d.status, 'RETURN_FOR_CORRECTION');
      const on = dateOrToday(returnedOn, 'returnedOn');
      checkNotBefore(on, d.submittedOn ?? d.startedOn, 'returnedOn', { vi: 'ngày gửi hồ sơ', en: 'the submission' });
      requireResponsible(ctx.caller, 'DOSSIER_REVIEW', on);
      const text = requiredText(reason, 'reason', { vi: 'lý do trả lại', en: 'reason' }, 2000);
      return transition(manager, ctx, d, 'RETURN_FOR_CORRECTION', on, { correctionReason: text }, text);
    }),

  forwardDossierToCourt: (_parent, { id, expectedVersion, forwardedOn, courtUnitCode }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const d = await lockDossier(manager, ctx.caller, id, expectedVersion);
      nextDossierStatus(d.status, 'FORWARD_TO_COURT');
      const on = dateOrToday(forwardedOn, 'forwardedOn');
      checkNotBefore(on, d.submittedOn ?? d.startedOn, 'forwardedOn', { vi: 'ngày gửi hồ sơ', en: 'the submission' });
      // While the district review exists its office forwards; after, a dossier still waiting for it is sent by the compiler.
      requireResponsible(ctx.caller, reviewedOn(on) ? 'DOSSIER_REVIEW' : 'DOSSIER_SUBMISSION', on);
      const court = courtFor(d, on, courtUnitCode);
      return transition(manager, ctx, d, 'FORWARD_TO_COURT', on, { forwardedOn: on, ...court }, null, {
        court: court.courtUnitCode,
      });
    }),

  recordCourtDecision: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      // The court the dossier was sent to decides (the district court, through the tree, before 1 July 2025).
      const d = await lockDossier(manager, ctx.caller, id, expectedVersion, (row) => row.courtUnitPath ?? row.ownerUnitPath);
      const action = COURT_ACTION[input.outcome];
      nextDossierStatus(d.status, action);
      const decisionNumber = requiredText(
        input.decisionNumber,
        'input.decisionNumber',
        { vi: 'số quyết định', en: 'decision number' },
        64,
      );
      checkNotFuture(input.decidedOn, 'input.decidedOn');
      requireResponsible(ctx.caller, 'COURT_DECISION', input.decidedOn);
      checkNotBefore(input.decidedOn, d.forwardedOn ?? d.startedOn, 'input.decidedOn', {
        vi: 'ngày chuyển Tòa án',
        en: 'the forwarding to the court',
      });
      const reason = optionalText(input.reason, 'input.reason', { vi: 'lý do', en: 'reason' }, 2000);
      const base: Partial<CompulsoryRehabDossierEntity> = {
        decisionOutcome: input.outcome,
        decisionNumber,
        decidedOn: input.decidedOn,
        decisionReason: reason,
        termMonths: null,
        facilityCode: null,
        facilityOwnerPath: null,
      };
      if (input.outcome === 'APPROVED') {
        if (input.termMonths === null || input.termMonths === undefined) {
          throw badInput(
            { vi: 'Quyết định đưa vào cơ sở phải ghi thời hạn', en: 'An approval needs the term' },
            'input.termMonths',
          );
        }
        if (!input.facilityCode) {
          throw badInput(
            { vi: 'Quyết định đưa vào cơ sở phải ghi cơ sở cai nghiện', en: 'An approval needs the facility' },
            'input.facilityCode',
          );
        }
        const rules = await legalRules(manager);
        const range = termRangeForDossier(d.subjectDateOfBirth, input.decidedOn, d.repeat, d.startedOn, rules);
        checkTerm(input.termMonths, range, 'input.termMonths');
        const facility = await inputFacility(manager, input.facilityCode, 'input.facilityCode', true);
        checkMinorPlacement(facility, d.subjectDateOfBirth, input.decidedOn, rules, 'input.facilityCode');
        const unit = inputUnit(facility.code, 'input.facilityCode', ['FACILITY'], input.decidedOn);
        return transition(
          manager,
          ctx,
          d,
          action,
          input.decidedOn,
          { ...base, termMonths: input.termMonths, facilityCode: facility.code, facilityOwnerPath: unit.path },
          reason,
          { decisionNumber, termMonths: input.termMonths, facilityCode: facility.code, termRange: range },
        );
      }
      if (input.termMonths !== null && input.termMonths !== undefined) {
        throw badInput(
          { vi: 'Chỉ quyết định đưa vào cơ sở mới có thời hạn', en: 'Only an approval has a term' },
          'input.termMonths',
        );
      }
      if (input.facilityCode) {
        throw badInput(
          { vi: 'Chỉ quyết định đưa vào cơ sở mới ghi cơ sở cai nghiện', en: 'Only an approval names a facility' },
          'input.facilityCode',
        );
      }
      // Rejected or exempted: the person is released, the interim measure ends.
      const ends = input.outcome === 'REJECTED' || input.outcome === 'EXEMPTED' ? endInterim(d, input.decidedOn) : {};
      return transition(manager, ctx, d, action, input.decidedOn, { ...base, ...ends }, reason, { decisionNumber });
    }),

  setInterimMeasure: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const d = await lockDossier(manager, ctx.caller, id, expectedVersion);
      nextDossierStatus(d.status, 'SET_INTERIM_MEASURE');
      checkNotFuture(input.since, 'input.since');
      requireResponsible(ctx.caller, 'INTERIM_MEASURE', input.since);
      checkNotBefore(
        input.since,
        d.interimSince ?? d.startedOn,
        'input.since',
        d.interimSince
          ? { vi: 'ngày bắt đầu biện pháp hiện tại', en: 'the start of the current measure' }
          : { vi: 'ngày lập hồ sơ', en: 'the day the dossier started' },
      );
      const ended = endInterim(d, input.since);
      if (!input.measure) {
        if (!d.interimMeasure)
          throw badInput(
            { vi: 'Hồ sơ không có biện pháp nào để chấm dứt', en: 'There is no interim measure to end' },
            'input.measure',
          );
        return transition(manager, ctx, d, 'SET_INTERIM_MEASURE', input.since, ended, null, { measure: null });
      }
      if (input.measure === 'FAMILY_MANAGEMENT') {
        if (input.facilityCode)
          throw badInput(
            { vi: 'Giao gia đình quản lý không ghi cơ sở', en: 'Family management names no facility' },
            'input.facilityCode',
          );
        return transition(
          manager,
          ctx,
          d,
          'SET_INTERIM_MEASURE',
          input.since,
          { ...ended, interimMeasure: 'FAMILY_MANAGEMENT', interimSince: input.since },
          null,
          { measure: input.measure },
        );
      }
      if (!input.facilityCode)
        throw badInput(
          { vi: 'Tạm giữ tại cơ sở phải ghi cơ sở', en: 'Holding at a facility needs the facility' },
          'input.facilityCode',
        );
      const facility = await inputFacility(manager, input.facilityCode, 'input.facilityCode', true);
      const unit = inputUnit(facility.code, 'input.facilityCode', ['FACILITY'], input.since);
      return transition(
        manager,
        ctx,
        d,
        'SET_INTERIM_MEASURE',
        input.since,
        {
          ...ended,
          interimMeasure: 'HELD_AT_FACILITY',
          interimFacilityCode: facility.code,
          interimFacilityPath: unit.path,
          interimSince: input.since,
        },
        null,
        { measure: input.measure, facilityCode: facility.code },
      );
    }),

  recordDossierEscort: (_parent, { id, expectedVersion, escortedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const d = await lockDossier(manager, ctx.caller, id, expectedVersion);
      nextDossierStatus(d.status, 'ESCORT');
      checkNotFuture(escortedOn, 'escortedOn');
      checkNotBefore(escortedOn, d.decidedOn ?? d.startedOn, 'escortedOn', {
        vi: 'ngày Tòa án quyết định',
        en: 'the court decision',
      });
      return transition(manager, ctx, d, 'ESCORT', escortedOn, { escortedOn });
    }),
};

/** Closes an approved dossier at the admission (called by admitCompulsory, same transaction). */
export async function admitDossier(
  manager: EntityManager,
  ctx: Context,
  d: CompulsoryRehabDossierEntity,
  episode: RehabEpisodeEntity,
): Promise<void> {
  await transition(
    manager,
    ctx,
    d,
    'ADMIT',
    episode.admittedOn,
    {
      ...endInterim(d, episode.admittedOn),
      admittedOn: episode.admittedOn,
      episodeId: episode.id,
    },
    null,
    { episodeId: episode.id, facilityCode: episode.facilityCode, daysHeld: episode.daysHeld },
  );
}
