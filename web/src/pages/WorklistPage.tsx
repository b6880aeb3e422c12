import type { ReactNode } from 'react';
import type { Officer } from '../auth';
import { useI18n } from '../i18n';
import { HealthWorklists } from './worklists/HealthWorklists';
import { AdmissionWorklist, DossierReviewWorklist, FacilityWorklists, PostRehabWorklists } from './worklists/LaborWorklists';
import { PoliceWorklists } from './worklists/PoliceWorklists';
import { NeedingVolunteerWorklist, VolunteerWorklist } from './worklists/VolunteerWorklists';

function Lists({ officer }: { officer: Officer }): ReactNode {
  const { t } = useI18n();
  switch (officer.role) {
    case 'labour_officer':
      return <><DossierReviewWorklist officer={officer} /><PostRehabWorklists officer={officer} /></>;
    case 'facility_staff':
      return <><AdmissionWorklist officer={officer} /><FacilityWorklists officer={officer} /></>;
    case 'police_officer':
      return <><PoliceWorklists /><FacilityWorklists officer={officer} /></>;
    case 'commune_official':
      return <><PostRehabWorklists officer={officer} /><NeedingVolunteerWorklist /><PoliceWorklists /></>;
    case 'health_worker':
      return <HealthWorklists officer={officer} />;
    case 'volunteer':
      return <VolunteerWorklist />;
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
