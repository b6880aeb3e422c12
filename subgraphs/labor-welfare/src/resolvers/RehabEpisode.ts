import type {
  AbscondingResolvers,
  CommunityRehabPlanResolvers,
  RehabEpisodeResolvers,
  RehabLeaveResolvers,
} from '../__generated__/resolvers';
import type { AbscondReason, LeaveReason } from '../entities/RehabEpisode';
import { unitOf } from './unit';

/** The current leave of an episode (parents of nested types carry personId for the audit). */
export interface LeaveView {
  personId: string;
  reason: LeaveReason;
  note: string | null;
  startedOn: string;
  dueOn: string;
}

export interface AbscondingView {
  personId: string;
  reason: AbscondReason;
  since: string;
}

export const RehabEpisode: RehabEpisodeResolvers = {
  person: (episode) => ({ id: episode.personId }),
  facility: (episode, _args, ctx) => (episode.facilityCode ? ctx.loaders.facilityByCode.load(episode.facilityCode) : null),
  residenceUnit: (episode, _args, ctx) => unitOf(episode.residenceUnitCode, ctx, episode.residenceOwnerPath),
  leave: (e) =>
    e.status === 'ON_LEAVE' && e.leaveReason && e.leaveStartedOn && e.leaveDueOn
      ? { personId: e.personId, reason: e.leaveReason, note: e.leaveNote, startedOn: e.leaveStartedOn, dueOn: e.leaveDueOn }
      : null,
  absconding: (e) =>
    e.status === 'ABSCONDED' && e.abscondedReason && e.abscondedSince
      ? { personId: e.personId, reason: e.abscondedReason, since: e.abscondedSince }
      : null,
  dossier: (e, _args, ctx) => (e.dossierId ? ctx.loaders.dossierById.load(e.dossierId) : null),
  serviceProvider: (e, _args, ctx) => (e.serviceProviderId ? ctx.loaders.serviceProviderById.load(e.serviceProviderId) : null),
  postRehabCase: (e, _args, ctx) => ctx.loaders.postRehabCaseByEpisode.load(e.id),
  events: (e, _args, ctx) => ctx.loaders.eventsByEntity.load(e.id),
  extractions: (e, _args, ctx) => ctx.loaders.extractionsByEpisode.load(e.id),
  area: (e, _args, ctx) => (e.areaId ? ctx.loaders.areaById.load(e.areaId) : null),
  communityRehabPlan: (e, _args, ctx) =>
    e.kind === 'VOLUNTARY_COMMUNITY' ? ctx.loaders.communityPlanByEpisode.load(e.id) : null,
};

export const CommunityRehabPlan: CommunityRehabPlanResolvers = {
  caregiver: (p) =>
    p.caregiverName && p.caregiverRelationship
      ? { fullName: p.caregiverName, relationship: p.caregiverRelationship, phone: p.caregiverPhone }
      : null,
};

export const RehabLeave: RehabLeaveResolvers = {};
export const Absconding: AbscondingResolvers = {};
