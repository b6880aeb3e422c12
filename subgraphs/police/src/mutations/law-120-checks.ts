import type { EntityManager } from 'typeorm';
import { callerUnitLevel, domainError } from '@rehab/server-kit';
import { formatDateVi, type LegalRuleCode } from '@rehab/shared-schema';
import type { Context } from '../context';

interface RuleRow {
  description: string;
  legal_basis: string;
  effective_from: string;
}

/**
 * Refuses a record dated `date` when no row of `code` (a Law 120 duty or power) is in force
 * that day in the rules table: a typed error naming the date, the rule and when it is in force.
 */
export async function requireRuleInForce(
  manager: EntityManager,
  code: LegalRuleCode,
  date: string,
  field: string,
): Promise<void> {
  const rows = await manager.query<(RuleRow & { in_force: boolean })[]>(
    `SELECT description, legal_basis, to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
      (effective_from <= $2 AND (effective_to IS NULL OR effective_to >= $2)) AS in_force
      FROM legal_rule WHERE code = $1 ORDER BY effective_from`,
    [code, date],
  );
  if (rows.some((r) => r.in_force)) return;
  // The next row to come into force after the date, else the first one.
  const rule = rows.find((r) => r.effective_from > date) ?? rows[0];
  const since = rule
    ? {
        vi: ` (${rule.legal_basis}, hiệu lực từ ${formatDateVi(rule.effective_from)})`,
        en: ` (${rule.legal_basis}, in force from ${rule.effective_from})`,
      }
    : { vi: '', en: '' };
  throw domainError(
    'BAD_USER_INPUT',
    {
      vi: `Ngày ${formatDateVi(date)} chưa có quy định ${code}${rule ? `: ${rule.description}` : ''}${since.vi}`,
      en: `On ${date} no rule ${code} was in force${since.en}`,
    },
    { field },
  );
}

/** Law 120 duties are recorded by commune police: an officer of a commune-level unit. */
export function requireCommunePolice(ctx: Context): void {
  if (ctx.caller.role === 'police_officer' && callerUnitLevel(ctx.caller) === 'COMMUNE') return;
  throw domainError('FORBIDDEN', {
    vi: 'Chỉ Công an cấp xã nơi người đó cư trú mới được ghi nhận việc này',
    en: "Only police of the person's commune may record this",
  });
}
