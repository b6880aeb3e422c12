import type { PersonResolvers } from '../__generated__/resolvers';

export const Person: PersonResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.personById.load(reference.id),
  permanentResidence: (p) => ({ personId: p.id, unitCode: p.permanentUnitCode, unitPath: null, addressLine: p.permanentAddress }),
  currentResidence: (p) => ({
    personId: p.id,
    unitCode: p.currentUnitCode,
    unitPath: p.ownerUnitPath,
    addressLine: p.currentAddress,
  }),
  mergedInto: (p, _args, ctx) => (p.mergedInto ? ctx.loaders.personById.load(p.mergedInto) : null),
  mergedRecords: (p, _args, ctx) => ctx.loaders.mergedRecordsBySurvivor.load(p.id),
  drugUserManagements: (p, _args, ctx) => ctx.loaders.managementsByPerson.load(p.id),
  transferNotices: (p, _args, ctx) => ctx.loaders.transferNoticesByPerson.load(p.id),
  electronicMonitoringOrders: (p, _args, ctx) => ctx.loaders.monitoringOrdersByPerson.load(p.id),
  absconderSearches: (p, _args, ctx) => ctx.loaders.absconderSearchesByPerson.load(p.id),
  rehabCompletionNotices: (p, _args, ctx) => ctx.loaders.completionNoticesByPerson.load(p.id),
};
