import type { AdministrativeUnitRecord } from '@rehab/shared-schema';
import type { Context } from '../context';

/**
 * The administrative unit a record names. A record keeps the path of the unit version it
 * was made in (the same code names other territory on other dates); a code alone means
 * today's version. A missing unit is a data error, not user input.
 */
export async function unitOf(code: string, ctx: Context, path?: string | null): Promise<AdministrativeUnitRecord> {
  const unit = path ? await ctx.loaders.unitByCode.loadPath(path) : await ctx.loaders.unitByCode.load(code);
  if (!unit) throw new Error(`Unknown administrative unit ${path ?? code}`);
  return unit;
}
