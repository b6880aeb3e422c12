import type { EntityManager, ObjectLiteral } from 'typeorm';
import { actsOn, assignedUnitPaths, domainError, recordNotFound, type Bilingual } from '@rehab/server-kit';
import type { Caller, LegalRuleCode } from '@rehab/shared-schema';
import type { InputProblem } from '../rules/drug-user-management';
import type { RuleDuration } from '../rules/legal-time';
import type { Transition } from '../rules/state-machine';

/** A typed error for the first problem found with an input (naming its field). */
export function rejectProblems(problems: readonly InputProblem[]): void {
  const [first] = problems;
  if (first) throw domainError('BAD_USER_INPUT', first.text, { field: first.field });
}

/** The next state, or the machine's typed ILLEGAL_TRANSITION error. */
export function allowed<S extends string>(transition: Transition<S>): S {
  if (!transition.ok) throw domainError('ILLEGAL_TRANSITION', transition.text);
  return transition.to;
}

/**
 * The row with `id`, locked for the transaction, when its owner unit lies in the caller's
 * own subtree; NOT_FOUND otherwise (whether it exists elsewhere is not revealed).
 */
export async function lockInScope<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: new () => T,
  id: string,
  caller: Caller,
  what: Bilingual,
  ownerPathOf: (row: T) => readonly string[],
): Promise<T> {
  const row = await manager
    .getRepository(entity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :id', { id })
    .getOne();
  if (!row) throw recordNotFound(what, id);
  const paths = ownerPathOf(row);
  // A record of a split pre-reform commune is the new commune's once the person was assigned there.
  const assigned = await assignedUnitPaths(manager, (row as { personId?: string }).personId ?? null, paths);
  if (![...paths, ...assigned].some((path) => actsOn(caller, path))) throw recordNotFound(what, id);
  return row;
}

interface RuleRow {
  value: number;
  unit: RuleDuration['unit'];
}

/** The rules table's answer: the duration of `code` in force on `date`, or null when none is. */
export async function ruleInForce(manager: EntityManager, code: LegalRuleCode, date: string): Promise<RuleDuration | null> {
  const rows = await manager.query<RuleRow[]>(
    `SELECT value, unit FROM legal_rule WHERE code = $1 AND effective_from <= $2 AND (effective_to IS NULL OR effective_to >= $2)
      ORDER BY effective_from DESC LIMIT 1`,
    [code, date],
  );
  const [row] = rows;
  return row ? { value: row.value, unit: row.unit } : null;
}

export { isUniqueViolation } from '@rehab/server-kit';
