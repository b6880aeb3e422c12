import { domainError } from '@rehab/server-kit';
import type { PersonResolvers } from '../__generated__/resolvers';
import { isUuid } from '@rehab/shared-schema';

/** A person as this subgraph knows them: only the id (police owns identity). */
export interface PersonRef {
  id: string;
}

function checkedPersonId(id: string): string {
  if (!isUuid(id)) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Mã người không hợp lệ: ${id}`,
        en: `Invalid person id: ${id}`,
      },
      { field: 'id' },
    );
  }
  return id;
}

export const Person: PersonResolvers = {
  // Checked before any field resolves: a malformed id must reach neither SQL nor the audit table.
  // Async, so a bad representation fails alone rather than the whole _entities list.
  __resolveReference: async (reference) => ({ id: checkedPersonId(reference.id) }),
  supportAssignments: (p, _args, ctx) => ctx.loaders.assignmentsByPerson.load(p.id),
  preventionServices: (p, _args, ctx) => ctx.loaders.preventionByPerson.load(p.id),
  preventionListEntry: (p, _args, ctx) => ctx.loaders.preventionEntryByPerson.load(p.id),
};
