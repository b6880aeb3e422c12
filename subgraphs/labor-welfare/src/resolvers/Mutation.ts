import type { MutationResolvers } from '../__generated__/resolvers';
import { dossierMutations } from '../mutations/dossier';
import { episodeMutations } from '../mutations/episode';
import { facilityMutations } from '../mutations/facility';
import { postRehabMutations } from '../mutations/post-rehab';
import { reintegrationMutations } from '../mutations/reintegration';

/** Every mutation runs in one transaction with its audit row, its event and its notices (src/mutations). */
export const Mutation: MutationResolvers = {
  ...facilityMutations,
  ...dossierMutations,
  ...episodeMutations,
  ...postRehabMutations,
  ...reintegrationMutations,
};
