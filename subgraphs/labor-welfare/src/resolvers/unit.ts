import type { AdministrativeUnitEntity } from '@rehab/server-kit';
import type { Context } from '../context';

/** The administrative unit a stored code names; a missing one is a data error, not user input. */
export async function unitOf(code: string, ctx: Context): Promise<AdministrativeUnitEntity> {
  const unit = await ctx.loaders.unitByCode.load(code);
  if (!unit) throw new Error(`Unknown administrative unit ${code}`);
  return unit;
}
