import { foldVietnamese } from '../text';
import type { CommuneAfterReform, UnitSourceData } from './unit-data';
import { unchangedProvinces } from './unit-data';
import { unitKey } from './unit-types';
import {
  HANOI_CODE,
  OLD_TIER_ENDS,
  REFORM_DATE,
  type AdministrativeUnitRecord,
  type LineageMethod,
  type UnitLineageLink,
  type UnresolvedPredecessor,
} from './unit-types';

type LineageEdge = UnitLineageLink;

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const NOT_TONE_MARKS = /[^\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A name key that ignores case, spacing, hyphens and where a tone mark sits ("Thuỵ" =
 * "Thụy") but keeps the letters and tones themselves ("Quán" ≠ "Quân").
 */
export function unitNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[-–]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const decomposed = word.normalize('NFD');
      return `${decomposed.replace(TONE_MARKS, '').normalize('NFC')}${decomposed.replace(NOT_TONE_MARKS, '')}`;
    })
    .join(' ');
}

/** Letters only, no diacritics, case or spaces: a last resort for spelling variants of the same name. */
function spellingKey(name: string): string {
  return foldVietnamese(name).replace(/[^a-z0-9]/g, '');
}

/** Splits a published list on the commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

interface Item {
  text: string;
  name: string;
  district: string | null;
  /** "(phần còn lại …)" or "(một phần …)": only part of the predecessor came. */
  part: boolean;
}

const DISTRICT_QUALIFIER = /^(quận|huyện|thị xã|thành phố)\s/iu;

function parseItem(raw: string): Item {
  const text = raw.normalize('NFC');
  const name = text.replace(/\s*\(.*$/su, '').trim();
  const parens = [...text.matchAll(/\(([^()]*)\)/gu)].map((m) => (m[1] ?? '').trim());
  const district = parens.find((p) => DISTRICT_QUALIFIER.test(p)) ?? null;
  const part = /phần còn lại|một phần/iu.test(text);
  return { text, name, district, part };
}

interface Candidate {
  unit: AdministrativeUnitRecord;
  districtKey: string | null;
}

interface Pools {
  /** Pre-reform communes and districts by name key, per pre-reform province. */
  byProvince: Map<string, Map<string, Candidate[]>>;
  /** The same by a spelling key (no diacritics or spaces): "Xí m Vàng", "Phong Nặm" for "Phong Nậm". */
  bySpelling: Map<string, Map<string, Candidate[]>>;
  byCode: Map<string, AdministrativeUnitRecord>;
}

function pools(units: readonly AdministrativeUnitRecord[]): Pools {
  const before = units.filter((u) => u.validTo === OLD_TIER_ENDS && (u.level === 'COMMUNE' || u.level === 'DISTRICT'));
  const districts = new Map(before.filter((u) => u.level === 'DISTRICT').map((d) => [d.code, d]));
  const byProvince = new Map<string, Map<string, Candidate[]>>();
  const bySpelling = new Map<string, Map<string, Candidate[]>>();
  const byCode = new Map<string, AdministrativeUnitRecord>();
  for (const u of before) {
    const province = u.path.split('.')[0] as string;
    const district = u.level === 'COMMUNE' ? districts.get(u.parentCode ?? '') : undefined;
    const names = byProvince.get(province) ?? new Map<string, Candidate[]>();
    byProvince.set(province, names);
    const key = unitNameKey(u.name);
    const candidate = { unit: u, districtKey: district ? unitNameKey(district.name) : null };
    names.set(key, [...(names.get(key) ?? []), candidate]);
    const spellings = bySpelling.get(province) ?? new Map<string, Candidate[]>();
    bySpelling.set(province, spellings);
    const spelling = spellingKey(u.name);
    spellings.set(spelling, [...(spellings.get(spelling) ?? []), candidate]);
    if (u.level === 'COMMUNE') byCode.set(u.code, u);
  }
  return { byProvince, bySpelling, byCode };
}

interface Resolution {
  resolved: { unit: AdministrativeUnitRecord; part: boolean }[];
  unresolved: UnresolvedPredecessor[];
}

function majorityDistrict(resolved: Resolution['resolved']): string | null {
  const counts = new Map<string, number>();
  for (const { unit } of resolved) counts.set(unit.parentCode ?? '', (counts.get(unit.parentCode ?? '') ?? 0) + 1);
  let best: string | null = null;
  let most = 0;
  for (const [code, n] of counts)
    if (n > most) {
      best = code;
      most = n;
    }
  return best;
}

/** Resolves a new commune's published predecessor text against the pre-reform units of its predecessor provinces. */
function resolveText(commune: CommuneAfterReform, provinceCodes: readonly string[], p: Pools): Resolution {
  const out: Resolution = { resolved: [], unresolved: [] };
  if (unitNameKey(commune.predecessors) === unitNameKey('giữ nguyên')) {
    const kept = p.byCode.get(commune.code);
    if (kept && provinceCodes.includes(kept.path.split('.')[0] as string)) out.resolved.push({ unit: kept, part: false });
    else out.unresolved.push({ successorCode: commune.code, text: commune.predecessors, reason: 'NO_MATCH' });
    return out;
  }
  const pending: { item: Item; candidates: Candidate[] }[] = [];
  for (const item of splitTopLevel(commune.predecessors).map(parseItem)) {
    const key = unitNameKey(item.name);
    let candidates = provinceCodes.flatMap((code) => p.byProvince.get(code)?.get(key) ?? []);
    if (candidates.length === 0)
      candidates = provinceCodes.flatMap((code) => p.bySpelling.get(code)?.get(spellingKey(item.name)) ?? []);
    if (item.district && candidates.length > 1) {
      const wanted = unitNameKey(item.district);
      const inDistrict = candidates.filter(
        (c) => c.districtKey === wanted || (c.unit.level === 'DISTRICT' && unitNameKey(c.unit.name) === wanted),
      );
      if (inDistrict.length > 0) candidates = inDistrict;
    }
    if (candidates.length === 1) out.resolved.push({ unit: (candidates[0] as Candidate).unit, part: item.part });
    else pending.push({ item, candidates });
  }
  // Same names in several districts: a new commune is mostly made of one old district's communes.
  const district = majorityDistrict(out.resolved);
  for (const { item, candidates } of pending) {
    const near = district ? candidates.filter((c) => c.unit.parentCode === district) : [];
    if (near.length === 1) out.resolved.push({ unit: (near[0] as Candidate).unit, part: item.part });
    else
      out.unresolved.push({
        successorCode: commune.code,
        text: item.text,
        reason: candidates.length === 0 ? 'NO_MATCH' : 'AMBIGUOUS',
      });
  }
  return out;
}

/**
 * Lineage across the 1 July 2025 reform: each new commune's predecessors (Hà Nội from its
 * resolved map, other provinces from the published text where it resolves), merged
 * provinces, and institutions that moved with their province. A predecessor counts as
 * whole only when it went into one successor and was not marked as a part.
 */
export function resolveReformLineage(
  data: UnitSourceData,
  units: readonly AdministrativeUnitRecord[],
): { edges: LineageEdge[]; unresolved: UnresolvedPredecessor[] } {
  const p = pools(units);
  const after = new Map(units.filter((u) => u.validFrom === REFORM_DATE && u.level === 'COMMUNE').map((u) => [u.code, u]));
  const provinceCodes = new Map(data.provinces.map((pr) => [pr.code, pr.predecessorCodes]));
  const raw: {
    successor: AdministrativeUnitRecord;
    predecessor: AdministrativeUnitRecord;
    part: boolean;
    method: LineageMethod;
  }[] = [];
  const unresolved: UnresolvedPredecessor[] = [];
  const hanoi = new Map<string, typeof data.hanoi>();
  for (const row of data.hanoi) hanoi.set(row.code, [...(hanoi.get(row.code) ?? []), row]);
  for (const commune of data.communes) {
    const successor = after.get(commune.code) as AdministrativeUnitRecord;
    if (commune.provinceCode === HANOI_CODE) {
      for (const row of hanoi.get(commune.code) ?? []) {
        const predecessor = p.byCode.get(row.predecessorCode);
        if (predecessor) raw.push({ successor, predecessor, part: !row.whole, method: 'HANOI_MAP' });
        else unresolved.push({ successorCode: commune.code, text: row.predecessorCode, reason: 'NO_MATCH' });
      }
      continue;
    }
    const r = resolveText(commune, provinceCodes.get(commune.provinceCode) ?? [], p);
    const kept = unitNameKey(commune.predecessors) === unitNameKey('giữ nguyên');
    for (const x of r.resolved)
      raw.push({ successor, predecessor: x.unit, part: x.part, method: kept ? 'KEPT' : 'PUBLISHED_TEXT' });
    unresolved.push(...r.unresolved);
  }
  const successorsOf = new Map<AdministrativeUnitRecord, Set<AdministrativeUnitRecord>>();
  for (const l of raw) successorsOf.set(l.predecessor, (successorsOf.get(l.predecessor) ?? new Set()).add(l.successor));
  const edges: LineageEdge[] = raw.map((l) => ({
    successor: l.successor,
    predecessor: l.predecessor,
    whole: !l.part && successorsOf.get(l.predecessor)?.size === 1,
    method: l.method,
  }));
  edges.push(...provinceEdges(data, units), ...institutionEdges(units));
  return { edges: dedupe(edges), unresolved };
}

function provinceEdges(data: UnitSourceData, units: readonly AdministrativeUnitRecord[]): LineageEdge[] {
  const kept = unchangedProvinces(data);
  const provinces = units.filter((u) => u.level === 'PROVINCE');
  const before = new Map(provinces.filter((u) => u.validFrom <= OLD_TIER_ENDS).map((u) => [u.code, u]));
  const after = new Map(provinces.filter((u) => u.validTo === null).map((u) => [u.code, u]));
  return data.provinces
    .filter((pr) => !kept.has(pr.code))
    .flatMap((pr) =>
      pr.predecessorCodes.map((code) => ({
        successor: after.get(pr.code) as AdministrativeUnitRecord,
        predecessor: before.get(code) as AdministrativeUnitRecord,
        whole: true,
        method: 'PROVINCE_MERGER' as const,
      })),
    );
}

/** An institution whose province merged is one institution in two versions: the later takes the earlier's records. */
function institutionEdges(units: readonly AdministrativeUnitRecord[]): LineageEdge[] {
  const byCode = new Map<string, AdministrativeUnitRecord[]>();
  for (const u of units.filter((x) => x.level === 'FACILITY' || x.level === 'CLINIC' || x.level === 'COURT')) {
    byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
  }
  const edges: LineageEdge[] = [];
  for (const versions of byCode.values()) {
    const sorted = [...versions].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (let i = 1; i < sorted.length; i++) {
      const [prev, next] = [sorted[i - 1] as AdministrativeUnitRecord, sorted[i] as AdministrativeUnitRecord];
      if (prev.path !== next.path) edges.push({ successor: next, predecessor: prev, whole: true, method: 'SAME_INSTITUTION' });
    }
  }
  return edges;
}

function dedupe(edges: LineageEdge[]): LineageEdge[] {
  const seen = new Map<string, LineageEdge>();
  for (const e of edges) {
    const key = `${unitKey(e.successor)}<${unitKey(e.predecessor)}`;
    const earlier = seen.get(key);
    // The same predecessor listed twice in one successor: it is a part if either mention says so.
    seen.set(key, earlier ? { ...earlier, whole: earlier.whole && e.whole } : e);
  }
  return [...seen.values()];
}
