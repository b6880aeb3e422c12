import { testDatabaseEnv } from '@rehab/server-kit';
import { generateDemoPopulation, units, type DemoPerson } from '@rehab/shared-schema';
import { InProcessSystem } from '@rehab/ops';

export const PERSONS = 300;

/** The demo population the in-process system seeds, for expected values. */
export const population: readonly DemoPerson[] = generateDemoPopulation({ persons: PERSONS });

export function startTestSystem(options: { production?: boolean } = {}): Promise<InProcessSystem> {
  return InProcessSystem.start({ env: testDatabaseEnv(), persons: PERSONS, dropOnStop: true, webDir: null, ...options });
}

/** A person of the given stage (the demo data spreads persons over every stage). */
/**
 * A person of another Hà Nội ward than Phường Ba Đình (00004), recorded there since before the
 * reform (not in Ba Đình's old wards), with a rehab episode so two agencies hold records.
 */
export const outsiderOfBaDinh: DemoPerson | undefined = population.find(
  (p) =>
    p.rehab &&
    p.home.unitPath.startsWith('01.') &&
    p.home.unitCode !== '00004' &&
    p.currentResidence.unitPath === p.home.unitPath &&
    !units()
      .scopeRoots('01.00004')
      .some((r) => p.formerUnit.unitPath.startsWith(r)),
);

export function personAt(stage: DemoPerson['stage']): DemoPerson {
  const person = population.find((p) => p.stage === stage);
  if (!person) throw new Error(`no demo person at stage ${stage}`);
  return person;
}

export const PERSON_360 = `query Person360($number: IdentificationNumber!) {
  personByIdentificationNumber(number: $number) {
    id identificationNumber fullName otherNames dateOfBirth sex ethnicity
    permanentResidence { addressLine unit { code name path } }
    currentResidence { addressLine unit { code name path } }
    rehabEpisodes { id kind status admittedOn plannedEndOn endedOn facility { code name } }
    addictionDeterminations { id examinedOn addicted substanceClasses documentNumber }
    substitutionTreatment { status phase enrolledOn medication clinic { code name } }
    supportAssignments { id reason startedOn endedOn volunteer { fullName phone organisation { name } } }
  }
}`;
