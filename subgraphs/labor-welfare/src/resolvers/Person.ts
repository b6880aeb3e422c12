import type { PersonResolvers } from '../__generated__/resolvers';

/** A Person as this subgraph knows it: a reference by id (police owns identity). */
export interface PersonRef {
  id: string;
}

export const Person: PersonResolvers = {
  // No database access: the person's existence and scope are police's concern; the
  // fields below apply this subgraph's own record scope.
  __resolveReference: (reference) => ({ id: reference.id }),
  rehabEpisodes: (person, _args, ctx) => ctx.loaders.rehabEpisodesByPerson.load(person.id),
  compulsoryRehabDossiers: (person, _args, ctx) => ctx.loaders.dossiersByPerson.load(person.id),
  postRehabCases: (person, _args, ctx) => ctx.loaders.postRehabCasesByPerson.load(person.id),
  reintegrationSupports: (person, _args, ctx) => ctx.loaders.reintegrationSupportsByPerson.load(person.id),
};
