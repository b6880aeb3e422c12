import { actsOn, checkExpectedVersion, domainError, recordNotFound } from '@rehab/server-kit';
import type { MutationCloseDispensingPointArgs, MutationOpenDispensingPointArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { DispensingPointEntity } from '../entities/DispensingPoint';
import { clinicInScope, isUniqueViolation, requirePastDate, requireText } from './common';

const POINT = { vi: 'điểm cấp phát', en: 'dispensing point' };

/** The next free number of the clinic's points, as <clinic>-NN. */
async function nextCode(ctx: Context, clinicCode: string): Promise<string> {
  const [{ n }] = await ctx.db.query<[{ n: number }]>(
    `SELECT coalesce(max(substring(code from '-(\\d+)$')::int), 0) + 1 AS n
    FROM dispensing_point WHERE clinic_code = $1`,
    [clinicCode],
  );
  return `${clinicCode}-${String(n).padStart(2, '0')}`;
}

export async function openDispensingPoint(args: MutationOpenDispensingPointArgs, ctx: Context): Promise<DispensingPointEntity> {
  const name = requireText(args.name, 'name', 200);
  const address = requireText(args.address, 'address', 300);
  const openedOn = requirePastDate(args.openedOn, 'openedOn');
  const clinicPath = await clinicInScope(ctx.db.manager, ctx.caller, args.clinicCode, 'clinicCode');
  try {
    return await ctx.db.transaction(async (manager) => {
      // The clinic row serialises concurrent openings, so two points never get the same number.
      await manager.query('SELECT 1 FROM clinic WHERE code = $1 FOR UPDATE', [args.clinicCode]);
      const code = await nextCode(ctx, args.clinicCode);
      await manager
        .createQueryBuilder()
        .insert()
        .into(DispensingPointEntity)
        .values({
          code,
          clinicCode: args.clinicCode,
          name,
          address,
          openedOn,
          closedOn: null,
          ownerUnitPath: clinicPath,
          version: 1,
        })
        .updateEntity(false)
        .execute();
      return manager.getRepository(DispensingPointEntity).findOneByOrFail({ code });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'dispensing_point_name_per_clinic')) {
      throw domainError(
        'CONFLICT',
        {
          vi: `Cơ sở ${args.clinicCode} đã có điểm cấp phát tên "${name}"`,
          en: `${args.clinicCode} already has a dispensing point named "${name}"`,
        },
        { field: 'name' },
      );
    }
    throw error;
  }
}

export async function closeDispensingPoint(args: MutationCloseDispensingPointArgs, ctx: Context): Promise<DispensingPointEntity> {
  const closedOn = requirePastDate(args.closedOn, 'closedOn');
  return ctx.db.transaction(async (manager) => {
    const repo = manager.getRepository(DispensingPointEntity);
    const point = await repo
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.code = :code', { code: args.code })
      .getOne();
    // Another unit's point is answered like a missing one (its clinic is not named).
    const clinics = point
      ? await manager.query<{ owner_unit_path: string }[]>('SELECT owner_unit_path FROM clinic WHERE code = $1', [
          point.clinicCode,
        ])
      : [];
    if (!point || !clinics[0] || !actsOn(ctx.caller, clinics[0].owner_unit_path)) throw recordNotFound(POINT, args.code, 'code');
    checkExpectedVersion(point.version, args.expectedVersion, POINT);
    if (point.closedOn !== null) {
      throw domainError('ILLEGAL_TRANSITION', {
        vi: `Điểm cấp phát ${point.code} đã đóng từ ${point.closedOn}`,
        en: `Dispensing point ${point.code} closed on ${point.closedOn}`,
      });
    }
    if (point.openedOn !== null && closedOn < point.openedOn) {
      throw domainError(
        'BAD_USER_INPUT',
        { vi: `Ngày đóng trước ngày mở ${point.openedOn}`, en: `Closing date before the opening on ${point.openedOn}` },
        { field: 'closedOn' },
      );
    }
    const [{ n }] = await manager.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM dose WHERE dispensing_point_code = $1 AND dose_date >= $2',
      [point.code, closedOn],
    );
    if (n > 0) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Đã có ${n} liều cấp tại điểm này từ ngày ${closedOn}`,
          en: `${n} doses were dispensed there on or after ${closedOn}`,
        },
        { field: 'closedOn' },
      );
    }
    await repo
      .createQueryBuilder()
      .update()
      .set({ closedOn, version: () => 'version + 1' })
      .where('code = :code', { code: point.code })
      .execute();
    return repo.findOneByOrFail({ code: point.code });
  });
}
