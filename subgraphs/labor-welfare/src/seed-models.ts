import {
  DEMO_REFERENCE_DATE,
  OLD_TIER_ENDS,
  REFORM_DATE,
  SeededRandom,
  addDays,
  daysBetween,
  units,
  type AdministrativeUnitRecord,
} from '@rehab/shared-schema';
import type { PostRehabModelKind } from './entities/PostRehabModel';

/** Fixed seed of the demo post-rehab models (a stream of its own). */
const MODEL_SEED = 1763800023;

export const MODEL_COLUMNS = ['id', 'name', 'kind', 'unit_code', 'owner_unit_path', 'established_on', 'ended_on', 'recorded_by'];

const NAMES: Readonly<Record<PostRehabModelKind, string>> = {
  VOLUNTEER_TEAM: 'Đội tình nguyện hỗ trợ người sau cai nghiện',
  CLUB: 'Câu lạc bộ B93',
  COUNSELLING_POINT: 'Điểm tư vấn, hỗ trợ điều trị nghiện',
  SELF_MANAGED_GROUP: 'Tổ tự quản',
  OTHER: 'Mô hình "Gia đình không ma túy"',
};
const KINDS = Object.keys(NAMES) as PostRehabModelKind[];

/** The communes of the demo provinces (Hà Nội; Lào Cai, old Lào Cai and Yên Bái before the reform) on `on`. */
function communesOn(provinces: readonly string[], on: string): AdministrativeUnitRecord[] {
  return provinces.flatMap((p) => units().within(units().at(p, on)?.path ?? p, on, ['COMMUNE']));
}

/**
 * About three communes in five ran a post-rehab model before the reform (one in ten of those a
 * second one), set up between 2019 and 30 June 2025 in the old communes; about one new commune
 * in four set one up since. About one in six has ended. Deterministic, never the clock.
 */
export function demoModelRows(): unknown[][] {
  const rng = new SeededRandom(MODEL_SEED);
  const before = communesOn(['01', '10', '15'], OLD_TIER_ENDS).map((c) => [c, '2019-01-01', OLD_TIER_ENDS, 0.6] as const);
  const after = communesOn(['01', '15'], REFORM_DATE).map((c) => [c, REFORM_DATE, DEMO_REFERENCE_DATE, 0.25] as const);
  return [...before, ...after].flatMap(([commune, from, to, share]) => {
    const first = rng.int(0, KINDS.length - 1);
    const count = rng.chance(share) ? (rng.chance(0.1) ? 2 : 1) : 0;
    const kinds = [KINDS[first], KINDS[(first + 1) % KINDS.length]].slice(0, count) as PostRehabModelKind[];
    return kinds.map((kind) => {
      const establishedOn = addDays(from, rng.int(0, daysBetween(from, to)));
      const endedOn = rng.chance(1 / 6) ? addDays(establishedOn, rng.int(180, 700)) : null;
      return [
        rng.uuid(),
        `${NAMES[kind]} ${commune.name}`,
        kind,
        commune.code,
        commune.path,
        establishedOn,
        endedOn !== null && endedOn < DEMO_REFERENCE_DATE ? endedOn : null,
        'demo',
      ];
    });
  });
}
