import type { EntityManager } from 'typeorm';
import type { Context } from '../context';
import type { PersonEntity } from '../entities/Person';

/**
 * On a merge, Law 120 records follow the open work to the survivor: the declarations and
 * summonses of the management cases that moved, and open monitoring orders with their alerts.
 */
export async function repointLaw120Records(
  manager: EntityManager,
  ctx: Context,
  duplicateId: string,
  survivor: PersonEntity,
  managementIds: readonly string[],
): Promise<void> {
  const to = [survivor.id, survivor.ownerUnitPath];
  if (managementIds.length > 0) {
    await manager.query(
      'UPDATE substance_declaration SET person_id = $1, owner_unit_path = $2 WHERE management_id = ANY($3::uuid[])',
      [...to, managementIds],
    );
    await manager.query(
      'UPDATE summons SET person_id = $1, owner_unit_path = $2, version = version + 1 WHERE management_id = ANY($3::uuid[])',
      [...to, managementIds],
    );
  }
  const [orders] = await manager.query<[{ id: string }[], number]>(
    `UPDATE electronic_monitoring_order SET person_id = $1, owner_unit_path = $2, version = version + 1
    WHERE person_id = $3 AND status = 'ORDERED' RETURNING id`,
    [...to, duplicateId],
  );
  if (orders.length === 0) return;
  await manager.query(
    'UPDATE monitoring_alert SET person_id = $1, owner_unit_path = $2, version = version + 1 WHERE order_id = ANY($3::uuid[])',
    [...to, orders.map((o) => o.id)],
  );
  await ctx.audit.change(manager, 'ElectronicMonitoringOrder', ['person'], survivor.id);
}
