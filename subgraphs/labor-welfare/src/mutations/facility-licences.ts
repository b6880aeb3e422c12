import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { domainError, notifyUnit, requireResponsible, requireUnit } from '@rehab/server-kit';
import { todayInHanoi, unitAt, type Caller } from '@rehab/shared-schema';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers';
import { FacilityEntity } from '../entities/Facility';
import { FacilityLicenceEntity } from '../entities/FacilityLicence';
import { FACILITY_NAME, badInput, checkNotBefore, checkNotFuture, requiredText, type RecordName } from '../rules/errors';
import { admitsOn, facilityLicenceStatus, lastDayInForce, overlaps, type LicenceStatus } from '../rules/licence';
import { applyChanges, checkActsOn, checkUuid, checkVersion, inTransaction, inputUnit, lockForChange } from './support';

const LICENCE: RecordName = { vi: 'giấy phép hoạt động cai nghiện', en: 'facility licence' };

/** Topics of the facility's inbox. */
export const LICENCE_TOPICS = {
  granted: 'facility.licence-granted',
  renewed: 'facility.licence-renewed',
  revoked: 'facility.licence-revoked',
} as const;

const STATUS_LABEL: Record<LicenceStatus, { vi: string; en: string }> = {
  NOT_REQUIRED: { vi: 'không cần giấy phép', en: 'needs no licence' },
  UNLICENSED: { vi: 'chưa được cấp giấy phép', en: 'has no licence' },
  IN_FORCE: { vi: 'có giấy phép còn hiệu lực', en: 'is licensed' },
  EXPIRING: { vi: 'có giấy phép sắp hết hạn', en: 'is licensed (expiring)' },
  EXPIRED: { vi: 'có giấy phép đã hết hạn', en: 'has an expired licence' },
  REVOKED: { vi: 'đã bị thu hồi giấy phép', en: 'had its licence revoked' },
};

const licencesOf = (manager: EntityManager, code: string) =>
  manager.getRepository(FacilityLicenceEntity).find({ where: { facilityCode: code }, order: { grantedOn: 'DESC' } });

/**
 * A private facility takes a resident only on a day its licence is in force (a public one
 * always). Called by admissions and transfers into the facility.
 */
export async function checkLicensedOn(
  manager: EntityManager,
  facility: FacilityEntity,
  on: string,
  field: string,
): Promise<void> {
  if (facility.kind !== 'PRIVATE_VOLUNTARY') return;
  const licences = await licencesOf(manager, facility.code);
  if (admitsOn(facility.kind, licences, on)) return;
  const label = STATUS_LABEL[facilityLicenceStatus(facility.kind, licences, on)];
  throw badInput(
    {
      vi: `${facility.name} ${label.vi} vào ngày ${on}: không được tiếp nhận người cai nghiện`,
      en: `${facility.code} ${label.en} on ${on}: it cannot take residents`,
    },
    field,
  );
}

/** The private facility a licence is granted to, locked (one grant at a time), in the caller's province. */
async function lockPrivateFacility(manager: EntityManager, caller: Caller, code: string, on: string) {
  const unit = inputUnit(code, 'facilityCode', ['FACILITY'], on);
  const facility = await manager
    .getRepository(FacilityEntity)
    .createQueryBuilder('f')
    .setLock('pessimistic_write')
    .where('f.code = :code', { code })
    .getOne();
  if (!facility) {
    throw badInput({ vi: `Không có cơ sở cai nghiện mã ${code}`, en: `No rehab facility with code ${code}` }, 'facilityCode');
  }
  checkActsOn(caller, unit.path, FACILITY_NAME);
  if (facility.kind !== 'PRIVATE_VOLUNTARY') {
    throw badInput(
      {
        vi: `${facility.name} là cơ sở công lập: không cấp giấy phép hoạt động cai nghiện`,
        en: `${facility.code} is a public facility: it needs no licence`,
      },
      'facilityCode',
    );
  }
  return { facility, unit };
}

/** A facility holds one licence at a time: the new period must not meet another licence's. */
function checkNoOverlap(others: readonly FacilityLicenceEntity[], from: string, to: string, field: string): void {
  const clash = others.find((o) => overlaps({ from: o.grantedOn, to: lastDayInForce(o) }, { from, to }));
  if (clash) {
    throw domainError(
      'ILLEGAL_TRANSITION',
      {
        vi: `Cơ sở đang có giấy phép số ${clash.licenceNumber} hiệu lực từ ${clash.grantedOn} đến ${lastDayInForce(clash)}`,
        en: `The facility holds licence ${clash.licenceNumber} in force from ${clash.grantedOn} to ${lastDayInForce(clash)}`,
      },
      { field },
    );
  }
}

function checkLaterEnd(validUntil: string, after: string, field: string): void {
  if (validUntil <= after) {
    throw badInput({ vi: `Ngày hết hạn phải sau ngày ${after}`, en: `The licence must end after ${after}` }, field);
  }
}

function licensedCapacity(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 100_000) {
    throw badInput(
      { vi: 'Quy mô tiếp nhận phải là số nguyên từ 1 đến 100000', en: 'The licensed places must be an integer from 1 to 100000' },
      'input.licensedCapacity',
    );
  }
  return value;
}

function lockLicence(manager: EntityManager, caller: Caller, id: string, expectedVersion: number) {
  checkVersion(expectedVersion);
  return lockForChange(manager, caller, {
    entity: FacilityLicenceEntity,
    name: LICENCE,
    key: { column: 'id', value: checkUuid(id, 'id') },
    expectedVersion,
    // The facility and the province above it see it; only the province acts (the responsibility check).
    paths: (l) => [l.facilityOwnerPath],
    actingPath: (l) => l.facilityOwnerPath,
  });
}

/**
 * A licence to renew or revoke on `on`: locked, the caller the licensing authority that day,
 * not revoked, the day not in the future, not before its grant or last renewal, and not after
 * its end (an expired licence is replaced by a new grant).
 */
async function lockLicenceInForce(
  manager: EntityManager,
  caller: Caller,
  act: { id: string; expectedVersion: number; on: string; field: string },
): Promise<FacilityLicenceEntity> {
  const l = await lockLicence(manager, caller, act.id, act.expectedVersion);
  requireResponsible(caller, 'FACILITY_LICENSING', act.on);
  if (l.revokedOn !== null) {
    throw domainError('ILLEGAL_TRANSITION', {
      vi: `Giấy phép số ${l.licenceNumber} đã bị thu hồi ngày ${l.revokedOn}`,
      en: `Licence ${l.licenceNumber} was revoked on ${l.revokedOn}`,
    });
  }
  checkNotFuture(act.on, act.field);
  const last = l.renewals.at(-1)?.renewedOn ?? l.grantedOn;
  checkNotBefore(act.on, last, act.field, { vi: 'lần cấp hoặc gia hạn trước', en: 'the last grant or renewal' });
  if (act.on > l.validUntil) {
    throw domainError(
      'ILLEGAL_TRANSITION',
      {
        vi: `Giấy phép số ${l.licenceNumber} đã hết hạn ngày ${l.validUntil}: cần cấp giấy phép mới`,
        en: `Licence ${l.licenceNumber} ended on ${l.validUntil}: grant a new licence instead`,
      },
      { field: act.field },
    );
  }
  return l;
}

const tellFacility = (manager: EntityManager, l: FacilityLicenceEntity, topic: string, on: string) =>
  notifyUnit(manager, {
    topic,
    source: 'labor-welfare',
    unitPath: l.facilityOwnerPath,
    audience: ['facility_staff'],
    personId: null,
    occurredOn: on,
  });

export const licenceMutations: Pick<
  MutationResolvers,
  'grantFacilityLicence' | 'renewFacilityLicence' | 'revokeFacilityLicence'
> = {
  grantFacilityLicence: (_parent, { facilityCode, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      requireResponsible(ctx.caller, 'FACILITY_LICENSING', input.grantedOn);
      const { facility, unit } = await lockPrivateFacility(manager, ctx.caller, facilityCode, input.grantedOn);
      checkNotFuture(input.grantedOn, 'input.grantedOn');
      checkLaterEnd(input.validUntil, input.grantedOn, 'input.validUntil');
      const number = requiredText(input.licenceNumber, 'input.licenceNumber', { vi: 'số giấy phép', en: 'licence number' }, 64);
      const capacity = licensedCapacity(input.licensedCapacity);
      checkNoOverlap(await licencesOf(manager, facility.code), input.grantedOn, input.validUntil, 'input.grantedOn');
      const id = randomUUID();
      await manager
        .createQueryBuilder()
        .insert()
        .into(FacilityLicenceEntity)
        .values({
          id,
          facilityCode: facility.code,
          facilityOwnerPath: unit.path,
          licenceNumber: number,
          grantedOn: input.grantedOn,
          validUntil: input.validUntil,
          licensedCapacity: capacity,
        })
        .updateEntity(false)
        .execute();
      const licence = await manager.getRepository(FacilityLicenceEntity).findOneByOrFail({ id });
      await ctx.audit.change(manager, 'FacilityLicence', ['grantedOn', 'licenceNumber', 'licensedCapacity', 'validUntil'], null);
      await tellFacility(manager, licence, LICENCE_TOPICS.granted, input.grantedOn);
      return licence;
    }),

  renewFacilityLicence: (_parent, { id, expectedVersion, renewedOn, validUntil }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const l = await lockLicenceInForce(manager, ctx.caller, { id, expectedVersion, on: renewedOn, field: 'renewedOn' });
      checkLaterEnd(validUntil, l.validUntil, 'validUntil');
      const others = (await licencesOf(manager, l.facilityCode)).filter((o) => o.id !== l.id);
      checkNoOverlap(others, l.grantedOn, validUntil, 'validUntil');
      const renewals = [...l.renewals, { renewedOn, previousValidUntil: l.validUntil, validUntil }];
      const updated = await applyChanges(manager, FacilityLicenceEntity, l, 'id', { validUntil, renewals });
      await ctx.audit.change(manager, 'FacilityLicence', ['renewals', 'validUntil'], null);
      await tellFacility(manager, updated, LICENCE_TOPICS.renewed, renewedOn);
      return updated;
    }),

  revokeFacilityLicence: (_parent, { id, expectedVersion, revokedOn, reason }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const l = await lockLicenceInForce(manager, ctx.caller, { id, expectedVersion, on: revokedOn, field: 'revokedOn' });
      const text = requiredText(reason, 'reason', { vi: 'lý do thu hồi', en: 'reason' }, 2000);
      const updated = await applyChanges(manager, FacilityLicenceEntity, l, 'id', { revokedOn, revocationReason: text });
      await ctx.audit.change(manager, 'FacilityLicence', ['revocationReason', 'revokedOn'], null);
      await tellFacility(manager, updated, LICENCE_TOPICS.revoked, revokedOn);
      return updated;
    }),
};

const URGENCY: Record<LicenceStatus, number> = {
  REVOKED: 0,
  EXPIRED: 1,
  UNLICENSED: 2,
  EXPIRING: 3,
  IN_FORCE: 4,
  NOT_REQUIRED: 5,
};

export const licenceQueries: Pick<QueryResolvers, 'facilityLicenceRegister'> = {
  facilityLicenceRegister: async (_parent, { provinceCode }, ctx) => {
    const province = requireUnit(provinceCode, 'provinceCode', ['PROVINCE']);
    const facilities = await ctx.db
      .getRepository(FacilityEntity)
      .createQueryBuilder('f')
      .where("f.kind = 'PRIVATE_VOLUNTARY'")
      .orderBy('f.name', 'ASC')
      .getMany();
    const today = todayInHanoi();
    const inProvince = facilities.filter((f) => unitAt(f.code, today)?.path.startsWith(`${province.path}.`));
    const rows = await Promise.all(
      inProvince.map(async (f) => ({
        f,
        urgency: URGENCY[facilityLicenceStatus(f.kind, await ctx.loaders.licencesByFacility.load(f.code), today)],
      })),
    );
    return rows.sort((a, b) => a.urgency - b.urgency).map((x) => x.f);
  },
};
