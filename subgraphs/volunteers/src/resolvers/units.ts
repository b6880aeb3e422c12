import type { AdministrativeUnitEntity } from '@rehab/server-kit';
import type { Context } from '../context';

/** Loads a unit a record refers to; a missing one is a data fault, not user input. */
export async function referencedUnit(ctx: Context, code: string): Promise<AdministrativeUnitEntity> {
  const unit = await ctx.loaders.unitByCode.load(code);
  if (!unit) throw new Error(`Unknown administrative unit ${code}`);
  return unit;
}
