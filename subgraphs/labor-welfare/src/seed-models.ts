import { DEMO_REFERENCE_DATE, SeededRandom, addDays, unitsOfLevel } from '@rehab/shared-schema';
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

/**
 * About three communes in five run a post-rehab model (one in ten of those a second one),
 * set up between 2019 and the demo reference date, about one in six since ended:
 * deterministic, never the clock.
 */
export function demoModelRows(): unknown[][] {
  const rng = new SeededRandom(MODEL_SEED);
  return unitsOfLevel('COMMUNE').flatMap((commune) => {
    const first = rng.int(0, KINDS.length - 1);
    const count = rng.chance(0.6) ? (rng.chance(0.1) ? 2 : 1) : 0;
    const kinds = [KINDS[first], KINDS[(first + 1) % KINDS.length]].slice(0, count) as PostRehabModelKind[];
    return kinds.map((kind) => {
      const establishedOn = addDays('2019-01-01', rng.int(0, 2860));
      const endedOn = rng.chance(1 / 6) ? addDays(establishedOn, rng.int(180, 700)) : null;
      return [rng.uuid(), `${NAMES[kind]} ${commune.name}`, kind, commune.code, commune.path, establishedOn,
        endedOn !== null && endedOn < DEMO_REFERENCE_DATE ? endedOn : null, 'demo'];
    });
  });
}
