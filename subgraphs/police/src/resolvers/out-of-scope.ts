import { domainError } from '@rehab/server-kit';
import { UNIT_OFFICER_ROLES, unitByCode, units } from '@rehab/shared-schema';
import type { Context } from '../context';
import { PersonEntity } from '../entities/Person';

/**
 * A direct lookup (by id or identification number) that found nothing the caller may read.
 * Officers who act on cases in a unit, and may break the glass, learn that the record exists
 * and which commune holds it, so they can ask for emergency access; the disclosure is audited
 * as a read of the record's existence. Anyone else, and a record that does not exist, gets null
 * ("not found"), so the answer reveals nothing to roles that could not act on it.
 */
export async function outOfScope(ctx: Context, where: { id: string } | { identificationNumber: string }): Promise<null> {
  if (!UNIT_OFFICER_ROLES.includes(ctx.caller.role)) return null;
  const found = await ctx.db
    .getRepository(PersonEntity)
    .findOne({ where: { ...where, recordStatus: 'ACTIVE' }, select: { id: true, currentUnitCode: true, ownerUnitPath: true } });
  if (!found) return null;
  ctx.audit.read('Person', 'existence', found.id);
  // The unit that owns the record (a commune of before the reform while it awaits reassignment).
  const unit = units().byUnitPath(found.ownerUnitPath) ?? unitByCode(found.currentUnitCode);
  const code = unit?.code ?? found.currentUnitCode;
  const name = unit?.name ?? code;
  throw domainError(
    'FORBIDDEN',
    {
      vi: `Hồ sơ này thuộc ${name}, ngoài phạm vi đơn vị của bạn. Có thể đề nghị truy cập khẩn cấp nếu công việc đòi hỏi.`,
      en: `This record belongs to ${name}, outside your unit. You may ask for break-the-glass access if your work requires it.`,
    },
    { breakGlassUnit: code },
  );
}
