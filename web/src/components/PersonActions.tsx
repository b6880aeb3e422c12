import type { ReactNode } from 'react';
import type { Officer } from '../auth';
import { HealthActions } from '../forms/HealthActions';
import { ManagementActions } from '../forms/ManagementActions';
import { DossierActions, OpenDossierAction, PENDING_DOSSIER_STATUSES, WhoCompilesDossiers } from '../forms/DossierActions';
import { EditPersonAction } from '../forms/EditPerson';
import { CommunityEpisodeActions, RegisterCommunityRehabAction } from '../forms/CommunityRehabActions';
import { EpisodeExtraction } from '../forms/ExtractionActions';
import { EpisodeActions } from '../forms/LaborActions';
import { PoliceActions } from '../forms/PoliceActions';
import { PsychosisActions } from '../forms/PsychosisActions';
import { PreventionActions } from '../forms/PreventionActions';
import { TreatmentActions } from '../forms/TreatmentActions';
import { VolunteerActions } from '../forms/VolunteerActions';
import { useI18n } from '../i18n';
import type { DatedUnit } from '../units';
import type { Person360_person } from './Person360';

const ACTING_ROLES = new Set([
  'police_officer',
  'commune_official',
  'labour_officer',
  'court_clerk',
  'facility_staff',
  'health_worker',
]);

/**
 * The commune a record made today belongs to: the residence's unit, or, for a unit that ended
 * with the reform and went whole into one new commune, that commune (a split one waits for
 * the province to assign the person).
 */
function currentUnitCode(unit: DatedUnit): string {
  const successors = unit.successors ?? [];
  const only = successors.length === 1 && successors[0]?.whole ? successors[0].unit.code : null;
  return unit.validTo && only ? only : unit.code;
}

const OPEN_EPISODE = new Set(['ADMITTED', 'ON_LEAVE', 'ABSCONDED']);

function compact<T>(list: readonly (T | null)[] | null | undefined): T[] {
  return (list ?? []).filter((item): item is T => item !== null);
}

/** Thao tác: the main actions of each agency on this person, as the officer's role allows. */
export function PersonActions({
  person,
  officer,
  reload,
}: {
  person: Person360_person;
  officer: Officer;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  const role = officer.role;
  // Supervisors, analysts and volunteers act elsewhere (or not at all) on a person's record.
  if (!ACTING_ROLES.has(role)) return null;
  const residence = person.currentResidence;
  const subject = {
    id: person.id,
    fullName: person.fullName,
    dateOfBirth: person.dateOfBirth,
    residenceUnitCode: residence?.unit ? currentUnitCode(residence.unit) : null,
    address: residence ? [residence.addressLine, residence.unit.name].filter(Boolean).join(', ') : null,
  };
  const episodes = compact(person.rehabEpisodes);
  const dossiers = compact(person.compulsoryRehabDossiers);
  return (
    <section className="panel person-actions" data-testid="person-actions" aria-labelledby="person-actions-heading">
      <h2 id="person-actions-heading" className="panel__title">
        {t('action.heading')}
      </h2>
      <div className="panel__body">
        <EditPersonAction personId={person.id} role={role} reload={reload} />
        <PoliceActions personId={person.id} role={role} reload={reload} />
        <ManagementActions personId={person.id} role={role} reload={reload} />
        <OpenDossierAction
          person={subject}
          reload={reload}
          hasPendingDossier={dossiers.some((d) => PENDING_DOSSIER_STATUSES.includes(d.status))}
        />
        <WhoCompilesDossiers role={role} />
        {dossiers.map((dossier) => (
          <DossierActions
            key={dossier.id}
            dossier={dossier}
            role={role}
            unitCode={officer.unitCode}
            reload={reload}
            title={`${t('labor.dossier')} ${formatDate(dossier.startedOn)} — ${label('dossierStatus', dossier.status)}`}
          />
        ))}
        <RegisterCommunityRehabAction
          person={subject}
          hasOpenEpisode={episodes.some((e) => OPEN_EPISODE.has(e.status))}
          reload={reload}
        />
        {episodes.map((episode) => {
          const title = `${t('labor.episode')} ${formatDate(episode.admittedOn)} — ${label('rehabStatus', episode.status)}`;
          return episode.kind === 'VOLUNTARY_COMMUNITY' ? (
            <CommunityEpisodeActions key={episode.id} episode={episode} person={person.fullName} reload={reload} title={title} />
          ) : (
            <div key={episode.id}>
              <EpisodeActions episode={episode} person={person.fullName} reload={reload} title={title} />
              <EpisodeExtraction episode={episode} person={person.fullName} reload={reload} />
            </div>
          );
        })}
        <HealthActions
          person={{
            ...subject,
            pendingRequests: compact(person.addictionDeterminationRequests).filter((r) => !r.determination),
            inCare: Boolean(person.substitutionTreatment),
          }}
          role={role}
          unitCode={officer.unitCode}
          reload={reload}
        />
        {role === 'health_worker' && person.drugInducedPsychoses && (
          <PsychosisActions person={person} records={person.drugInducedPsychoses} reload={reload} />
        )}
        {role === 'health_worker' && person.substitutionTreatment && (
          <TreatmentActions treatment={person.substitutionTreatment} person={person.fullName} role={role} reload={reload} />
        )}
        <VolunteerActions person={subject} role={role} reload={reload} />
        <PreventionActions personId={person.id} officer={officer} reload={reload} />
      </div>
    </section>
  );
}
