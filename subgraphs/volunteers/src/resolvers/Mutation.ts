import type { MutationResolvers } from '../__generated__/resolvers';
import { assignmentMutations } from '../mutations/assignments';

export const Mutation: MutationResolvers = { ...assignmentMutations };
