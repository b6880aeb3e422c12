import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkExpectedVersion, checkUuid, domainError, requireResponsible } from '@rehab/server-kit';
import { todayInHanoi } from '@rehab/shared-schema';
import type {
  MutationAcknowledgeMonitoringAlertArgs,
  MutationEndElectronicMonitoringArgs,
  MutationOrderElectronicMonitoringArgs,
  MutationReportMonitoringDeviceEventArgs,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { ElectronicMonitoringOrderEntity } from '../entities/ElectronicMonitoringOrder';
import { MonitoringAlertEntity } from '../entities/MonitoringAlert';
import { alertMachine, endOrderProblems, eventProblems, orderMachine, orderProblems } from '../rules/law-120';
import { noticeState } from '../rules/notices';
import { allowed, lockInScope, rejectProblems } from './common';
import { lockActivePerson } from './drug-users';
import { requireCommunePolice, requireRuleInForce } from './law-120-checks';

export const ORDER = { vi: 'quyết định giám sát điện tử', en: 'electronic monitoring order' };
export const ALERT = { vi: 'cảnh báo thiết bị giám sát', en: 'monitoring alert' };

/** Another order (not ended early) whose period overlaps [startsOn, endsOn] for the person or the device. */
async function overlapping(
  manager: EntityManager,
  personId: string,
  deviceId: string,
  startsOn: string,
  endsOn: string,
): Promise<ElectronicMonitoringOrderEntity | null> {
  return manager
    .getRepository(ElectronicMonitoringOrderEntity)
    .createQueryBuilder('o')
    .where('(o.person_id = :personId OR o.device_id = :deviceId)', { personId, deviceId })
    .andWhere(`o.status = 'ORDERED'`)
    .andWhere('o.starts_on <= :endsOn AND o.ends_on >= :startsOn', { startsOn, endsOn })
    .getOne();
}

export async function orderElectronicMonitoring(
  { personId, input }: MutationOrderElectronicMonitoringArgs,
  ctx: Context,
): Promise<ElectronicMonitoringOrderEntity> {
  const id = checkUuid(personId, 'personId');
  rejectProblems(orderProblems(input, todayInHanoi()));
  // The head of commune police, as the responsibilities table says on the order's date.
  requireResponsible(ctx.caller, 'ELECTRONIC_MONITORING_ORDER', input.orderedOn);
  const deviceId = input.deviceId.trim();
  return ctx.db.transaction(async (manager) => {
    const person = await lockActivePerson(manager, ctx, id);
    await requireRuleInForce(manager, 'ELECTRONIC_MONITORING', input.orderedOn, 'orderedOn');
    const clash = await overlapping(manager, id, deviceId, input.startsOn, input.endsOn);
    if (clash) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Thời hạn trùng với quyết định giám sát ${clash.id} (${clash.startsOn} – ${clash.endsOn}) của cùng người hoặc cùng thiết bị`,
          en: `The period overlaps monitoring order ${clash.id} (${clash.startsOn} to ${clash.endsOn}) of the same person or device`,
        },
        { field: clash.personId === id ? 'startsOn' : 'deviceId' },
      );
    }
    const orderId = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(ElectronicMonitoringOrderEntity)
      .values({
        id: orderId,
        personId: id,
        basis: input.basis,
        basisReference: input.basisReference.trim(),
        deviceId,
        orderedOn: input.orderedOn,
        orderedBy: ctx.caller.username,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        status: 'ORDERED',
        endedOn: null,
        endReason: null,
        ownerUnitPath: person.ownerUnitPath,
        version: 1,
      })
      .updateEntity(false)
      .execute();
    await ctx.audit.change(
      manager,
      'ElectronicMonitoringOrder',
      ['basis', 'basisReference', 'deviceId', 'endsOn', 'orderedOn', 'startsOn'],
      id,
    );
    return manager.getRepository(ElectronicMonitoringOrderEntity).findOneByOrFail({ id: orderId });
  });
}

export async function endElectronicMonitoring(
  args: MutationEndElectronicMonitoringArgs,
  ctx: Context,
): Promise<ElectronicMonitoringOrderEntity> {
  const id = checkUuid(args.id, 'id');
  requireResponsible(ctx.caller, 'ELECTRONIC_MONITORING_ORDER', args.endedOn);
  return ctx.db.transaction(async (manager) => {
    const order = await lockInScope(manager, ElectronicMonitoringOrderEntity, id, ctx.caller, ORDER, (o) => [o.ownerUnitPath]);
    checkExpectedVersion(order.version, args.expectedVersion, ORDER);
    const status = allowed(orderMachine.transition(order.status, 'END'));
    rejectProblems(endOrderProblems(order, args.endedOn, args.reason, todayInHanoi()));
    await manager
      .createQueryBuilder()
      .update(ElectronicMonitoringOrderEntity)
      .set({ status, endedOn: args.endedOn, endReason: args.reason.trim(), version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(manager, 'ElectronicMonitoringOrder', ['endReason', 'endedOn', 'status'], order.personId);
    return manager.getRepository(ElectronicMonitoringOrderEntity).findOneByOrFail({ id });
  });
}

export interface DeviceEventReceiptParent {
  alert: MonitoringAlertEntity;
  duplicate: boolean;
}

/** The alert already received for (order, event id): the same event again, or a different one under a used id. */
function sameEvent(alert: MonitoringAlertEntity, kind: string, occurredAt: Date): boolean {
  return alert.kind === kind && alert.occurredAt.getTime() === occurredAt.getTime();
}

/**
 * A device event from the monitoring centre (police of the order's commune or of its province).
 * Idempotent on (order, event id): a re-sent event returns the alert already recorded, so
 * commune police receive each event once; an id re-used for another event is refused.
 */
export async function reportMonitoringDeviceEvent(
  { orderId, input }: MutationReportMonitoringDeviceEventArgs,
  ctx: Context,
): Promise<DeviceEventReceiptParent> {
  const id = checkUuid(orderId, 'orderId');
  const eventId = input.eventId.trim();
  const occurredAt = new Date(input.occurredAt);
  return ctx.db.transaction(async (manager) => {
    // The order's row lock serialises reports of one order, so a re-sent event cannot slip in twice.
    const order = await lockInScope(manager, ElectronicMonitoringOrderEntity, id, ctx.caller, ORDER, (o) => [o.ownerUnitPath]);
    const known = await manager.getRepository(MonitoringAlertEntity).findOneBy({ orderId: id, eventId });
    if (known) {
      if (sameEvent(known, input.kind, occurredAt)) return { alert: known, duplicate: true };
      throw domainError(
        'CONFLICT',
        {
          vi: `Mã sự kiện ${eventId} đã được dùng cho một sự kiện khác của quyết định này`,
          en: `Event id ${eventId} was already used for another event of this order`,
        },
        { field: 'eventId' },
      );
    }
    allowed(orderMachine.transition(order.status, 'REPORT_EVENT'));
    rejectProblems(eventProblems(order, eventId, occurredAt, new Date()));
    const alertId = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(MonitoringAlertEntity)
      .values({
        id: alertId,
        orderId: id,
        personId: order.personId,
        kind: input.kind,
        eventId,
        occurredAt,
        receivedAt: new Date(),
        reportedBy: ctx.caller.username,
        acknowledgedAt: null,
        acknowledgedBy: null,
        ownerUnitPath: order.ownerUnitPath,
        version: 1,
      })
      .updateEntity(false)
      .execute();
    await ctx.audit.change(manager, 'MonitoringAlert', ['eventId', 'kind', 'occurredAt'], order.personId);
    return { alert: await manager.getRepository(MonitoringAlertEntity).findOneByOrFail({ id: alertId }), duplicate: false };
  });
}

export async function acknowledgeMonitoringAlert(
  args: MutationAcknowledgeMonitoringAlertArgs,
  ctx: Context,
): Promise<MonitoringAlertEntity> {
  const id = checkUuid(args.id, 'id');
  requireCommunePolice(ctx);
  return ctx.db.transaction(async (manager) => {
    const alert = await lockInScope(manager, MonitoringAlertEntity, id, ctx.caller, ALERT, (a) => [a.ownerUnitPath]);
    checkExpectedVersion(alert.version, args.expectedVersion, ALERT);
    allowed(alertMachine.transition(noticeState(alert.acknowledgedAt), 'ACKNOWLEDGE'));
    await manager
      .createQueryBuilder()
      .update(MonitoringAlertEntity)
      .set({ acknowledgedAt: () => 'now()', acknowledgedBy: ctx.caller.username, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(manager, 'MonitoringAlert', ['acknowledgedAt'], alert.personId);
    return manager.getRepository(MonitoringAlertEntity).findOneByOrFail({ id });
  });
}
