import { actingRoots, callerUnitLevel, domainError, encodeCursor, decodeCursor, pageSize } from '@rehab/server-kit';
import {
  OLD_TIER_ENDS,
  foldVietnamese,
  bareUnitName,
  units,
  type AdministrativeUnitRecord,
  type Caller,
} from '@rehab/shared-schema';
import type { QueryUnitReassignmentWorklistArgs, UnitReassignmentCaseResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { PersonEntity } from '../entities/Person';

/** One waiting person with the pre-reform commune their records are in. */
export interface UnitReassignmentCaseParent {
  person: PersonEntity;
  formerUnit: AdministrativeUnitRecord;
}

export interface UnitReassignmentConnectionParent {
  nodes: UnitReassignmentCaseParent[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

/** Only the province assigns (its police and supervisors); commune officers see the result. */
export function checkProvinceLevel(caller: Pick<Caller, 'unitPath' | 'role'>, field?: string): void {
  if (callerUnitLevel(caller) === 'PROVINCE') return;
  throw domainError(
    'FORBIDDEN',
    {
      vi: 'Danh sách người của xã, phường bị chia tách do cấp tỉnh xử lý',
      en: 'People of split communes are assigned by the province',
    },
    field ? { field } : {},
  );
}

/** The split pre-reform communes of the caller's province (and of the provinces merged into it). */
export function splitCommunesOf(caller: Pick<Caller, 'unitPath'>): AdministrativeUnitRecord[] {
  return actingRoots(caller)
    .flatMap((root) => units().within(root, OLD_TIER_ENDS, ['COMMUNE']))
    .filter((u) => units().isSplit(u.path));
}

/** The new communes that took part of a split pre-reform commune. */
export function candidatesOf(former: AdministrativeUnitRecord): AdministrativeUnitRecord[] {
  return units()
    .successors(former)
    .map((l) => l.successor)
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The candidate an address points to: the one whose name, or the name of one of its other
 * predecessors, appears in the address (neighbourhoods and streets often keep those names).
 * Null when none or several do.
 */
export function suggestFromAddress(
  address: string,
  former: AdministrativeUnitRecord,
  candidates: readonly AdministrativeUnitRecord[],
): { unit: AdministrativeUnitRecord; reason: string } | null {
  const folded = ` ${foldVietnamese(address).replace(/[^a-z0-9]+/g, ' ')} `;
  const mentions = (name: string) => {
    const bare = foldVietnamese(bareUnitName(name))
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    return bare.length > 0 && folded.includes(` ${bare} `);
  };
  // A candidate's own name first; the names of its other predecessors only when no candidate is named.
  const byName = candidates.filter((c) => mentions(c.name));
  if (byName.length === 1)
    return { unit: byName[0] as AdministrativeUnitRecord, reason: bareUnitName((byName[0] as AdministrativeUnitRecord).name) };
  if (byName.length > 1) return null;
  const hits = candidates
    .map((c) => {
      const named = units()
        .predecessors(c)
        .map((l) => l.predecessor.name)
        .filter((n) => n !== former.name)
        .find(mentions);
      return named ? { unit: c, reason: bareUnitName(named) } : null;
    })
    .filter((h): h is { unit: AdministrativeUnitRecord; reason: string } => h !== null);
  return hits.length === 1 ? (hits[0] as { unit: AdministrativeUnitRecord; reason: string }) : null;
}

const SEPARATOR = '\u0000';

/** Persons waiting, oldest commune code then person id first. */
export async function unitReassignmentWorklist(
  args: QueryUnitReassignmentWorklistArgs,
  ctx: Context,
): Promise<UnitReassignmentConnectionParent> {
  checkProvinceLevel(ctx.caller);
  const split = new Map(splitCommunesOf(ctx.caller).map((u) => [u.path, u]));
  const size = pageSize(args.first);
  const query = ctx.db
    .getRepository(PersonEntity)
    .createQueryBuilder('p')
    .where('p.owner_unit_path = ANY(:paths)', { paths: [...split.keys()] })
    .andWhere(`p.record_status = 'ACTIVE'`);
  const totalCount = await query.clone().getCount();
  if (args.after) {
    const [path, id] = decodeCursor(args.after).split(SEPARATOR);
    query.andWhere('(p.owner_unit_path, p.id) > (:afterPath, :afterId)', { afterPath: path, afterId: id });
  }
  const rows = await query
    .orderBy('p.owner_unit_path', 'ASC')
    .addOrderBy('p.id', 'ASC')
    .take(size + 1)
    .getMany();
  const nodes = rows.slice(0, size);
  for (const p of nodes) {
    ctx.loaders.personById.prime(p.id, p);
    ctx.audit.read('UnitReassignmentCase', 'addressLine', p.id);
  }
  const last = nodes[nodes.length - 1];
  return {
    nodes: nodes.map((person) => ({ person, formerUnit: split.get(person.ownerUnitPath) as AdministrativeUnitRecord })),
    totalCount,
    hasNextPage: rows.length > size,
    endCursor: last ? encodeCursor(`${last.ownerUnitPath}${SEPARATOR}${last.id}`) : null,
  };
}

export const UnitReassignmentCase: UnitReassignmentCaseResolvers = {
  person: (c) => c.person,
  formerUnit: (c) => c.formerUnit,
  candidates: (c) => candidatesOf(c.formerUnit),
  suggested: (c) => suggestFromAddress(c.person.currentAddress, c.formerUnit, candidatesOf(c.formerUnit))?.unit ?? null,
  suggestionReason: (c) => suggestFromAddress(c.person.currentAddress, c.formerUnit, candidatesOf(c.formerUnit))?.reason ?? null,
  addressLine: (c) => c.person.currentAddress,
};

export const UnitReassignmentCaseConnection = {
  nodes: (c: UnitReassignmentConnectionParent) => c.nodes,
  totalCount: (c: UnitReassignmentConnectionParent) => c.totalCount,
  pageInfo: (c: UnitReassignmentConnectionParent) => ({ endCursor: c.endCursor, hasNextPage: c.hasNextPage }),
};
