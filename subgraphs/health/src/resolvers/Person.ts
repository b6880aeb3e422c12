import { domainError } from '@rehab/server-kit';
import type { PersonResolvers } from '../__generated__/resolvers';
import { isUuid } from '@rehab/shared-schema';

/** A person as this subgraph knows it: a reference to the police registry. */
export interface PersonRef {
  id: string;
}

export const Person: PersonResolvers = {
  // Identity lives in the police subgraph: no database read here, the fields load in batches.
  __resolveReference: (reference) => {
    if (!isUuid(reference.id)) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Mã định danh người không hợp lệ: ${reference.id}`,
          en: `Invalid person id: ${reference.id}`,
        },
        { field: 'id' },
      );
    }
    return { id: reference.id };
  },
  addictionDeterminations: (person, _args, ctx) => ctx.loaders.determinationsByPerson.load(person.id),
  substitutionTreatment: (person, _args, ctx) => ctx.loaders.treatmentByPerson.load(person.id),
  addictionDeterminationRequests: (person, _args, ctx) => ctx.loaders.requestsByPerson.load(person.id),
  addictionExaminations: (person, _args, ctx) => ctx.loaders.examinationsByPerson.load(person.id),
  doses: (person, _args, ctx) => ctx.loaders.dosesByPerson.load(person.id),
  urineTests: (person, _args, ctx) => ctx.loaders.urineTestsByPerson.load(person.id),
  drugUseScreenings: (person, _args, ctx) => ctx.loaders.screeningsByPerson.load(person.id),
  drugInducedPsychoses: (person, _args, ctx) => ctx.loaders.psychosesByPerson.load(person.id),
  infectionStatus: (person, _args, ctx) => ctx.loaders.infectionByPerson.load(person.id),
};
