import { demoUnits } from '@rehab/server-kit';
import { HANOI_CODE, demoUnitOn, generateDemoPopulation, type DemoPerson } from '@rehab/shared-schema';
import { CapacityLedger } from '../rules/capacity';
import {
  ASSIGNED_SHARE,
  VOLUNTEERS_PER_COMMUNE,
  demoOrganisations,
  demoVolunteers,
  planAssignments,
  planVolunteersSeed,
  type OrganisationRow,
} from '../demo/plan';
import { MASS_ORGANISATION_KINDS } from '../rules/organisations';
const { COMMUNE, LAO_CAI, communesOf, pathOf } = demoUnits;

const population = generateDemoPopulation({ persons: 600 });
const base = population[0] as DemoPerson;

/** A person under post-rehab management in COMMUNE (today); active unless an end is given. */
function postRehabPerson(n: number, end: { completed?: boolean; relapsedOn?: string } = {}): DemoPerson {
  const residence = { unitCode: COMMUNE, unitPath: pathOf(COMMUNE), addressLine: 'Số 1' };
  return {
    ...base,
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    currentResidence: residence,
    home: residence,
    unitAssignment: null,
    postRehab: {
      decisionOn: '2026-03-01',
      endsOn: '2027-03-01',
      completed: end.completed ?? false,
      relapsedOn: end.relapsedOn ?? null,
    },
  };
}

function activePerVolunteer(assignments: ReturnType<typeof planAssignments>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of assignments) if (a.endedOn === null) counts.set(a.volunteerId, (counts.get(a.volunteerId) ?? 0) + 1);
  return counts;
}

describe('demo seed plan', () => {
  it('is deterministic, and volunteers do not depend on the population', () => {
    expect(planVolunteersSeed(population)).toEqual(planVolunteersSeed(population));
    expect(planVolunteersSeed(population.slice(0, 10)).volunteers).toEqual(planVolunteersSeed(population).volunteers);
  });

  it('has one organisation of each kind at the level of each demo province, with Vietnamese names', () => {
    const organisations = demoOrganisations();
    for (const province of [HANOI_CODE, LAO_CAI]) {
      expect(organisations.filter((o) => o.unitCode === province).map((o) => o.kind)).toEqual([...MASS_ORGANISATION_KINDS]);
    }
    expect(organisations).toHaveLength(2 * MASS_ORGANISATION_KINDS.length);
    expect(organisations.find((o) => o.kind === 'WOMENS_UNION' && o.unitCode === HANOI_CODE)).toMatchObject({
      name: 'Hội Liên hiệp Phụ nữ thành phố Hà Nội',
      maxActiveAssignments: 2,
    });
    expect(organisations.find((o) => o.kind === 'WOMENS_UNION' && o.unitCode === LAO_CAI)).toMatchObject({
      name: 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai',
      maxActiveAssignments: 2,
    });
    expect(new Set(organisations.map((o) => o.code)).size).toBe(organisations.length);
  });

  it('puts two volunteers of different organisations of its province in every commune of the demo provinces, as of today', () => {
    const organisations = demoOrganisations();
    const volunteers = demoVolunteers(organisations);
    const communes = [...communesOf(HANOI_CODE), ...communesOf(LAO_CAI)];
    expect(communes.length).toBeGreaterThan(126);
    expect(volunteers).toHaveLength(communes.length * VOLUNTEERS_PER_COMMUNE);
    const provinceOf = new Map(organisations.map((o) => [o.code, o.unitCode]));
    for (const commune of communes) {
      const here = volunteers.filter((v) => v.unitCode === commune.code);
      expect(here).toHaveLength(VOLUNTEERS_PER_COMMUNE);
      expect(new Set(here.map((v) => v.organisationCode)).size).toBe(VOLUNTEERS_PER_COMMUNE);
      expect(here.map((v) => provinceOf.get(v.organisationCode))).toEqual(here.map(() => commune.parentCode));
      for (const v of here) {
        expect(v.ownerUnitPath).toBe(commune.path);
        expect(v.phone).toMatch(/^0[0-9]{9}$/);
        expect(v.fullName).toMatch(/^\p{Lu}\p{Ll}* \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$/u);
      }
    }
  });

  it('assigns about 80% of post-rehab persons, only to volunteers of the commune they live in today, owned by the commune of the start', () => {
    const plan = planVolunteersSeed(population);
    const managed = population.filter((p) => p.postRehab);
    const share = plan.assignments.length / managed.length;
    expect(share).toBeGreaterThan(ASSIGNED_SHARE - 0.1);
    expect(share).toBeLessThanOrEqual(ASSIGNED_SHARE + 0.1);
    const communeOf = new Map(plan.volunteers.map((v) => [v.id, v.unitCode]));
    const byId = new Map(population.map((p) => [p.id, p]));
    for (const a of plan.assignments) {
      const person = byId.get(a.personId) as DemoPerson;
      expect(communeOf.get(a.volunteerId)).toBe(person.home.unitCode);
      expect(a.ownerUnitPath).toBe(demoUnitOn(person, a.startedOn).unitPath);
    }
    // Some started before the 1 July 2025 reform: owned by a commune of the old tree, not the volunteer's.
    const volunteerPath = new Map(plan.volunteers.map((v) => [v.id, v.ownerUnitPath]));
    expect(plan.assignments.some((a) => a.ownerUnitPath !== volunteerPath.get(a.volunteerId))).toBe(true);
  });

  it('never gives a volunteer more active assignments than the organisation allows, skipping people instead', () => {
    const crowd = Array.from({ length: 20 }, (_, i) => postRehabPerson(i));
    const organisations = demoOrganisations();
    const assignments = planAssignments(crowd, demoVolunteers(organisations), organisations);
    const counts = activePerVolunteer(assignments);
    // Two volunteers of the commune with room for two each: four people helped, the rest skipped.
    expect(assignments).toHaveLength(VOLUNTEERS_PER_COMMUNE * 2);
    expect([...counts.values()]).toEqual([2, 2]);
  });

  it("uses each organisation's own limit", () => {
    const organisations: OrganisationRow[] = demoOrganisations().map((o) => ({ ...o, maxActiveAssignments: 1 }));
    const crowd = Array.from({ length: 20 }, (_, i) => postRehabPerson(i));
    const assignments = planAssignments(crowd, demoVolunteers(organisations), organisations);
    expect([...activePerVolunteer(assignments).values()]).toEqual([1, 1]);
  });

  it('does not count ended assignments against capacity, and ends them at completion or relapse', () => {
    const ended = [
      ...Array.from({ length: 10 }, (_, i) => postRehabPerson(i, { completed: true })),
      ...Array.from({ length: 10 }, (_, i) => postRehabPerson(100 + i, { relapsedOn: '2026-06-01' })),
    ];
    const organisations = demoOrganisations();
    const assignments = planAssignments(ended, demoVolunteers(organisations), organisations);
    expect(assignments.length).toBeGreaterThan(VOLUNTEERS_PER_COMMUNE * 2);
    const completed = assignments.filter((a) => Number(a.personId.slice(-3)) < 100);
    const relapsed = assignments.filter((a) => Number(a.personId.slice(-3)) >= 100);
    expect(completed.length).toBeGreaterThan(0);
    expect(relapsed.length).toBeGreaterThan(0);
    expect(completed.map((a) => a.endedOn)).toEqual(completed.map(() => '2027-03-01'));
    expect(relapsed.map((a) => a.endedOn)).toEqual(relapsed.map(() => '2026-06-01'));
  });

  it('refuses to take a full volunteer', () => {
    const ledger = new CapacityLedger();
    const volunteer = { id: 'v', maxActiveAssignments: 2 };
    ledger.take(volunteer);
    ledger.take(volunteer);
    expect(ledger.hasCapacity(volunteer)).toBe(false);
    expect(() => ledger.take(volunteer)).toThrow(/no capacity/);
    expect(ledger.leastLoaded([volunteer])).toBeNull();
  });
});
