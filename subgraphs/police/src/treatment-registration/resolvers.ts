import type DataLoader from 'dataloader';
import { groupedLoader, isIsoDate, keysetPage, pathScope, type ConnectionParent } from '@rehab/server-kit';
import type {
  PersonResolvers,
  QueryTreatmentRegistrationOverdueArgs,
  TreatmentRegistrationDeadlineResolvers,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import type { PersonEntity } from '../entities/Person';
import { TreatmentRegistrationDeadlineEntity } from '../entities/TreatmentRegistrationDeadline';
import { today } from '../rules/legal-time';
import { daysOverdue, registrationStatus } from './rules';

/** A deadline as resolvers see it: the worklist's asOf travels with it, so status and daysOverdue agree with the list. */
export type DeadlineParent = TreatmentRegistrationDeadlineEntity & { asOf?: string };
export type DeadlineConnectionParent = ConnectionParent<DeadlineParent>;

/** Persons of the caller's unit past their deadline with no registration as of asOf, earliest deadline first. */
export async function treatmentRegistrationOverdue(
  args: QueryTreatmentRegistrationOverdueArgs,
  ctx: Context,
): Promise<DeadlineConnectionParent> {
  // Dates arrive checked by the Date scalar.
  const asOf = args.asOf ?? today();
  const scope = pathScope('d.owner_unit_path', ctx.caller, { personColumn: 'd.person_id' });
  const query = ctx.db
    .getRepository(TreatmentRegistrationDeadlineEntity)
    .createQueryBuilder('d')
    .where(scope.sql, scope.params)
    .andWhere('d.deadline_on < :asOf', { asOf })
    .andWhere('d.informed_on <= :asOf', { asOf })
    .andWhere('(d.registered_on IS NULL OR d.registered_on > :asOf)', { asOf })
    .andWhere('(d.compulsory_admitted_on IS NULL OR d.compulsory_admitted_on > :asOf)', { asOf });
  const page = await keysetPage(query, {
    first: args.first,
    after: args.after,
    sortSql: 'd.deadline_on',
    sortType: 'date',
    idSql: 'd.id',
    sortOf: (d) => d.deadlineOn ?? '',
    validSort: isIsoDate,
  });
  return { ...page, nodes: page.nodes.map((d) => Object.assign(d, { asOf })) };
}

const loaders = new WeakMap<Context, DataLoader<string, TreatmentRegistrationDeadlineEntity[]>>();

/** One scoped statement per request for every person's deadlines, latest informed first. */
function deadlinesByPerson(ctx: Context): DataLoader<string, TreatmentRegistrationDeadlineEntity[]> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = groupedLoader(
      async (keys) => {
        const scope = pathScope('d.owner_unit_path', ctx.caller, { personColumn: 'd.person_id' });
        return ctx.db
          .getRepository(TreatmentRegistrationDeadlineEntity)
          .createQueryBuilder('d')
          .where('d.person_id IN (:...keys)', { keys })
          .andWhere(scope.sql, scope.params)
          .orderBy('d.informed_on', 'DESC')
          .addOrderBy('d.received_at', 'DESC')
          .getMany();
      },
      (d) => d.personId,
    );
    loaders.set(ctx, loader);
  }
  return loader;
}

export const personTreatmentRegistration: Pick<PersonResolvers, 'treatmentRegistrationDeadline'> = {
  treatmentRegistrationDeadline: async (p: PersonEntity, _args, ctx) => (await deadlinesByPerson(ctx).load(p.id))[0] ?? null,
};

const asOfOf = (d: DeadlineParent, asOf: string | null | undefined): string => asOf ?? d.asOf ?? today();

export const TreatmentRegistrationDeadline: TreatmentRegistrationDeadlineResolvers = {
  person: async (d, _args, ctx) => {
    const person = await ctx.loaders.personById.load(d.personId);
    if (!person) throw new Error(`Person ${d.personId} of a visible deadline is out of scope`);
    return person;
  },
  deadline: (d) => d.deadlineOn,
  status: (d, args) => registrationStatus(d, asOfOf(d, args.asOf)),
  daysOverdue: (d, args) => daysOverdue(d, asOfOf(d, args.asOf)),
};
