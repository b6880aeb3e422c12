import type {
  FacilityAreaResolvers,
  FacilityLicenceResolvers,
  FacilityResolvers,
  FacilityOccupancyResolvers,
} from '../__generated__/resolvers';
import { agencyInCharge, todayInHanoi } from '@rehab/shared-schema';
import { facilityLicenceStatus, licenceStatusOn } from '../rules/licence';
import { staffingCheck } from '../rules/staffing';
import { unitOf } from './unit';

/** A facility's residents now (open episodes by kind). */
export interface OccupancyView {
  compulsory: number;
  voluntary: number;
}

export const Facility: FacilityResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.facilityByCode.load(reference.code),
  unit: (facility, _args, ctx) => unitOf(facility.code, ctx),
  occupancy: (facility, _args, ctx) => ctx.loaders.occupancyByFacility.load(facility.code),
  managingAgency: (_facility, { on }) => agencyInCharge('FACILITY_OPERATION', on ?? todayInHanoi()) ?? 'police',
  areas: (facility, _args, ctx) => ctx.loaders.areasByFacility.load(facility.code),
  licences: (facility, _args, ctx) => ctx.loaders.licencesByFacility.load(facility.code),
  licenceState: async (facility, { on }, ctx) =>
    facilityLicenceStatus(facility.kind, await ctx.loaders.licencesByFacility.load(facility.code), on ?? todayInHanoi()),
  residentsWithoutArea: async (facility, _args, ctx) => (await ctx.loaders.occupancyByFacility.load(facility.code)).withoutArea,
  staffing: async (facility, _args, ctx) => {
    const o = await ctx.loaders.occupancyByFacility.load(facility.code);
    return staffingCheck(o.compulsory, o.voluntary, facility.staffCount, facility.managerCount);
  },
};

export const FacilityArea: FacilityAreaResolvers = {
  occupancy: (area, _args, ctx) => ctx.loaders.occupancyByArea.load(area.id),
  overCapacity: async (area, _args, ctx) => (await ctx.loaders.occupancyByArea.load(area.id)) > area.capacity,
};

export const FacilityOccupancy: FacilityOccupancyResolvers = {
  total: (o) => o.compulsory + o.voluntary,
};

export const FacilityLicence: FacilityLicenceResolvers = {
  facility: async (licence, _args, ctx) => {
    const facility = await ctx.loaders.facilityByCode.load(licence.facilityCode);
    if (!facility) throw new Error(`Facility ${licence.facilityCode} of licence ${licence.id} is missing`);
    return facility;
  },
  status: (licence, { on }) => licenceStatusOn(licence, on ?? todayInHanoi()),
};
