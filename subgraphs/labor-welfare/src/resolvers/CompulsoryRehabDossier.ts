import { GraphQLError } from 'graphql';
import type { CompulsoryRehabDossierResolvers, CourtDecisionResolvers, FrontOpinionResolvers } from '../__generated__/resolvers';
import type { FrontOpinionKind } from '../entities/CompulsoryRehabDossier';
import type { CourtOutcome } from '../rules/dossier';
import { todayInHanoi } from '@rehab/shared-schema';
import { termRangeForDossier } from '../rules/term';
import { daysHeldUntil } from '../mutations/dossier';
import { unitOf } from './unit';

/** The court's decision on a dossier (carries personId for the audit). */
export interface CourtDecisionView {
  personId: string;
  outcome: CourtOutcome;
  decisionNumber: string;
  decidedOn: string;
  termMonths: number | null;
  facilityCode: string | null;
  reason: string | null;
}

/** The Front committee's opinion on a dossier (carries personId for the audit). */
export interface FrontOpinionView {
  personId: string;
  opinion: FrontOpinionKind;
  reasoning: string | null;
  givenOn: string;
  unitCode: string;
}

export const CompulsoryRehabDossier: CompulsoryRehabDossierResolvers = {
  person: (d) => ({ id: d.personId }),
  residenceUnit: (d, _args, ctx) => unitOf(d.residenceUnitCode, ctx, d.ownerUnitPath),
  court: (d, _args, ctx) => (d.courtUnitCode ? unitOf(d.courtUnitCode, ctx, d.courtUnitPath) : null),
  decision: (d) =>
    d.decisionOutcome && d.decisionNumber && d.decidedOn
      ? {
          personId: d.personId,
          outcome: d.decisionOutcome,
          decisionNumber: d.decisionNumber,
          decidedOn: d.decidedOn,
          termMonths: d.termMonths,
          facilityCode: d.facilityCode,
          reason: d.decisionReason,
        }
      : null,
  // Null when the person is not eligible (under 12) or no rule is in force.
  allowedTerm: async (d, { on }, ctx) => {
    try {
      return termRangeForDossier(
        d.subjectDateOfBirth,
        on ?? todayInHanoi(),
        d.repeat,
        d.startedOn,
        await ctx.loaders.legalRules(),
      );
    } catch (error) {
      if (error instanceof GraphQLError) return null;
      throw error;
    }
  },
  interimFacility: (d, _args, ctx) => (d.interimFacilityCode ? ctx.loaders.facilityByCode.load(d.interimFacilityCode) : null),
  daysHeld: (d, { asOf }) => daysHeldUntil(d, d.admittedOn ?? asOf ?? todayInHanoi()),
  episode: (d, _args, ctx) => (d.episodeId ? ctx.loaders.rehabEpisodeById.load(d.episodeId) : null),
  events: (d, _args, ctx) => ctx.loaders.eventsByEntity.load(d.id),
  frontOpinion: (d) =>
    d.frontOpinion && d.frontOpinionOn && d.frontOpinionUnitCode
      ? {
          personId: d.personId,
          opinion: d.frontOpinion,
          reasoning: d.frontOpinionReasoning,
          givenOn: d.frontOpinionOn,
          unitCode: d.frontOpinionUnitCode,
        }
      : null,
};

export const FrontOpinion: FrontOpinionResolvers = {
  unit: (opinion, _args, ctx) => unitOf(opinion.unitCode, ctx),
};

export const CourtDecision: CourtDecisionResolvers = {
  facility: (decision, _args, ctx) => (decision.facilityCode ? ctx.loaders.facilityByCode.load(decision.facilityCode) : null),
};
