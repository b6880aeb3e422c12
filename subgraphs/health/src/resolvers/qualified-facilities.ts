import { domainError } from '@rehab/server-kit';
import { units } from '@rehab/shared-schema';
import type { QualifiedDeterminationFacility } from '../__generated__/resolvers';
import type { Context } from '../context';

interface Row {
  code: string;
  name: string;
  qualified_on: string;
  physicians: number;
}

/** The facilities qualified to determine addiction whose unit lies in the province (today's), by name. */
export async function qualifiedFacilities(provinceCode: string, ctx: Context): Promise<QualifiedDeterminationFacility[]> {
  const province = await ctx.loaders.unitByCode.load(provinceCode);
  if (province?.level !== 'PROVINCE') {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Không có tỉnh, thành phố mã ${provinceCode}`, en: `No province with code ${provinceCode}` },
      { field: 'provinceCode' },
    );
  }
  const rows = await ctx.db.query<Row[]>(
    `SELECT q.code, q.name, q.qualified_on::text AS qualified_on, count(p.username)::int AS physicians
    FROM qualified_facility q LEFT JOIN certified_physician p ON p.facility_code = q.code
    GROUP BY q.code`,
  );
  const inProvince = (code: string): boolean => {
    const unit = units().current(code);
    return unit !== undefined && units().provinceToday(unit.path)?.code === province.code;
  };
  // In Vietnamese order (Đ after D), not the database's byte order.
  const byName = new Intl.Collator('vi').compare;
  return rows
    .filter((r) => inProvince(r.code))
    .sort((a, b) => byName(a.name, b.name) || byName(a.code, b.code))
    .map((r) => ({ code: r.code, name: r.name, qualifiedOn: r.qualified_on, certifiedPhysicians: r.physicians }));
}
