import { domainError } from '@rehab/server-kit';
import { unitByCode, type AdministrativeUnitRecord } from '@rehab/shared-schema';
import type { Context } from '../context';

/** The unit of a code, or a typed error naming the argument. */
export async function unitOf(ctx: Context, code: string, field = 'unitCode'): Promise<AdministrativeUnitRecord> {
  const unit = await ctx.loaders.unitByCode.load(code);
  if (!unit) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Không có đơn vị hành chính mã ${code}`, en: `No administrative unit with code ${code}` },
      { field },
    );
  }
  return unit;
}

export async function unitPath(ctx: Context, code: string, field = 'unitCode'): Promise<string> {
  return (await unitOf(ctx, code, field)).path;
}

/**
 * A unit that must exist (stored codes are foreign keys). The administrative tree is
 * reference data the migration copies from shared-schema, so a known code is answered
 * from memory (no SQL, and no batch that depends on timing); others from the table.
 */
export async function knownUnit(ctx: Context, code: string): Promise<AdministrativeUnitRecord> {
  const unit = unitByCode(code) ?? (await ctx.loaders.unitByCode.load(code));
  if (!unit) throw new Error(`Unknown administrative unit ${code}`);
  return unit;
}
