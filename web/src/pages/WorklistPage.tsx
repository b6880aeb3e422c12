import type { ReactNode } from 'react';
import { useActing } from '../acting';
import type { Officer } from '../auth';
import { useI18n } from '../i18n';
import { CourtWorklist } from './worklists/CourtWorklist';
import { HealthWorklists } from './worklists/HealthWorklists';
import { CommunityRehabWorklist } from './worklists/CommunityRehabWorklist';
import { ExtractionWorklist } from './worklists/ExtractionWorklist';
import { FacilityAreas } from './worklists/FacilityAreas';
import { ProviderRegister } from './worklists/ProviderRegister';
import { FacilityLicences } from './worklists/FacilityLicences';
import { CommunicationActivities } from './worklists/CommunicationActivities';
import { TrainingCourses } from './worklists/TrainingCourses';
import { Inspections } from './worklists/Inspections';
import { BudgetLines } from './worklists/BudgetLines';
import { Complaints } from './worklists/Complaints';
import { PeopleAtRisk } from './worklists/PeopleAtRisk';
import { PreventionMap } from './worklists/PreventionMap';
import { AdmissionWorklist, DossierReviewWorklist, FacilityWorklists, PostRehabWorklists } from './worklists/LaborWorklists';
import { PoliceWorklists } from './worklists/PoliceWorklists';
import { ReassignmentWorklist } from './worklists/ReassignmentWorklist';
import { CommuneVolunteerWorklists } from './worklists/CommuneVolunteers';
import { DuplicatesWorklist } from './worklists/DuplicatesWorklist';
import { FrontWorklist } from './worklists/FrontWorklist';
import { VolunteerWorklist } from './worklists/VolunteerWorklists';

function Lists({ officer }: { officer: Officer }): ReactNode {
  const { t } = useI18n();
  const acting = useActing();
  switch (officer.role) {
    case 'labour_officer':
      return (
        <>
          <DossierReviewWorklist officer={officer} />
          <PostRehabWorklists officer={officer} />
          <FacilityLicences />
          <Complaints officer={officer} />
          <CommunicationActivities officer={officer} />
          <TrainingCourses officer={officer} />
          <BudgetLines officer={officer} />
        </>
      );
    case 'facility_staff':
      return (
        <>
          <AdmissionWorklist officer={officer} />
          <FacilityAreas officer={officer} />
          <ExtractionWorklist />
          <FacilityWorklists officer={officer} />
          <Complaints officer={officer} />
        </>
      );
    case 'police_officer':
      return (
        <>
          <ReassignmentWorklist officer={officer} />
          <PoliceWorklists acknowledges />
          <DuplicatesWorklist />
          <ExtractionWorklist />
          <ProviderRegister />
          <FacilityLicences />
          <Inspections />
          <FacilityWorklists officer={officer} />
          <PeopleAtRisk officer={officer} />
          <PreventionMap officer={officer} />
          <Complaints officer={officer} />
          <CommunicationActivities officer={officer} />
          <TrainingCourses officer={officer} />
          <BudgetLines officer={officer} />
        </>
      );
    case 'commune_official':
      return (
        <>
          <CommunityRehabWorklist officer={officer} />
          <PostRehabWorklists officer={officer} />
          <CommuneVolunteerWorklists />
          <PoliceWorklists />
          <PeopleAtRisk officer={officer} />
          <PreventionMap officer={officer} />
          <Complaints officer={officer} />
          <CommunicationActivities officer={officer} />
          <TrainingCourses officer={officer} />
          <BudgetLines officer={officer} />
        </>
      );
    case 'court_clerk':
      return <CourtWorklist officer={officer} />;
    case 'health_worker':
      return (
        <>
          <HealthWorklists officer={officer} />
          <CommunicationActivities officer={officer} />
          <TrainingCourses officer={officer} />
          <BudgetLines officer={officer} />
        </>
      );
    case 'volunteer':
      return <VolunteerWorklist />;
    case 'front_officer':
      return (
        <>
          <FrontWorklist />
          <PeopleAtRisk officer={officer} />
          <PreventionMap officer={officer} />
          <CommunicationActivities officer={officer} />
          <TrainingCourses officer={officer} />
          <BudgetLines officer={officer} />
        </>
      );
    case 'supervisor':
      // Supervisors read the province's reassignment worklist (they do not assign).
      if (!acting.loaded)
        return (
          <p className="state state--loading" role="status">
            {t('state.loading')}
          </p>
        );
      if (acting.unit?.level === 'PROVINCE') return <ReassignmentWorklist officer={officer} />;
      return <p className="state state--empty">{t('worklist.noneForRole')}</p>;
    default:
      return <p className="state state--empty">{t('worklist.noneForRole')}</p>;
  }
}

/** Việc cần làm: the worklists of the officer's role. */
export function WorklistPage({ officer }: { officer: Officer }): ReactNode {
  const { t } = useI18n();
  return (
    <>
      <h2 className="page-title">{t('worklist.heading')}</h2>
      <Lists officer={officer} />
    </>
  );
}
