import type { MutationResolvers } from '../__generated__/resolvers';
import { assignmentMutations } from '../mutations/assignments';
import { chapterMutations } from '../mutations/chapters';

export const Mutation: MutationResolvers = { ...assignmentMutations, ...chapterMutations };
