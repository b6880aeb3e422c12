import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '@rehab/gateway';
import { InProcessSystem } from '../system';
import { withClient } from './pg-tools';

/** What the smoke test saw of the system started on the restored databases. */
export interface SmokeResult {
  ready: boolean;
  /** A person as the restored police database holds them. */
  sample: { identificationNumber: string; fullName: string } | null;
  /** The same person read through the gateway from every agency, by identification number. */
  person: { identificationNumber: string; fullName: string } | null;
  /** Agencies whose part of that person came back with an error. */
  failedAgencies: string[];
}

const PERSON_ACROSS_AGENCIES = `query RestoreDrillPerson($number: IdentificationNumber!) {
  personByIdentificationNumber(number: $number) {
    identificationNumber
    fullName
    rehabEpisodes { status }
    addictionDeterminations { addicted }
    substitutionTreatment { phase }
    supportAssignments { reason }
  }
}`;

interface PersonAnswer {
  personByIdentificationNumber: { identificationNumber: string; fullName: string } | null;
}

/** A person of the restored police database and the province that owns the record. */
async function samplePerson(policeUrl: string): Promise<{ number: string; fullName: string; province: string } | null> {
  return withClient(policeUrl, async (client) => {
    const found = await client.query<{ number: string; full_name: string; path: string }>(
      `SELECT identification_number AS number, full_name, owner_unit_path AS path
         FROM person WHERE record_status = 'ACTIVE' ORDER BY identification_number LIMIT 1`,
    );
    const row = found.rows[0];
    const province = row ? /\d+/.exec(row.path)?.[0] : undefined;
    return row && province ? { number: row.number.trim(), fullName: row.full_name, province } : null;
  });
}

/**
 * A supervisor account that exists only in the drill's copy (random password, never
 * printed), so the smoke test signs in the way an officer does.
 */
async function drillSupervisor(system: InProcessSystem, province: string): Promise<string> {
  const username = `restore-drill-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(24).toString('base64url');
  await system.dbs.identity.query(
    `INSERT INTO officer_account (id, username, display_name, password_hash, agency, role, unit_code)
     VALUES ($1, $2, 'Diễn tập khôi phục', $3, 'analysis', 'supervisor', $4)`,
    [randomUUID(), username, await hashPassword(password), province],
  );
  return system.login(username, password);
}

/** Which part of the answer an error is about: the agency it names, else its path, else its message. */
function failedPart(error: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }): string {
  const agency = error.extensions?.subgraph;
  if (typeof agency === 'string') return agency;
  return error.path?.join('.') ?? error.message;
}

/** Starts the whole system on the restored databases and reads a person from every agency. */
export async function smokeTest(env: NodeJS.ProcessEnv, policeUrl: string): Promise<SmokeResult> {
  const system = await InProcessSystem.start({ env, skipSeed: true, webDir: null });
  try {
    const ready = (await fetch(new URL('ready', system.url))).ok;
    const sample = await samplePerson(policeUrl);
    if (!sample) return { ready, sample: null, person: null, failedAgencies: [] };
    const token = await drillSupervisor(system, sample.province);
    const answer = await system.graphql<PersonAnswer>(token, PERSON_ACROSS_AGENCIES, { number: sample.number });
    const failedAgencies = (answer.errors ?? []).map(failedPart);
    return {
      ready,
      sample: { identificationNumber: sample.number, fullName: sample.fullName },
      person: answer.data?.personByIdentificationNumber ?? null,
      failedAgencies,
    };
  } finally {
    await system.stop();
  }
}
