import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import type { Officer } from './auth';
import type { Locale } from './i18n';
import type { OfficerResponsibilitiesQuery, OfficerResponsibilitiesQueryVariables } from './__generated__/operations';

/**
 * Who acts at each step today, from the API's dated responsibility table (`responsibilities`),
 * and the officer's unit as it is today. The agency and level that act at a step change by
 * law (rehab under the police from 1 March 2025, regional courts and no districts from
 * 1 July 2025): the portal offers a step to an officer only when today's arrangement names
 * the officer's role at the level of the officer's unit, never from a role written here.
 */
export type ResponsibilityStep =
  | 'DRUG_USER_MANAGEMENT_DECISION'
  | 'DOSSIER_DRAFTING'
  | 'DOSSIER_SUBMISSION'
  | 'DOSSIER_REVIEW'
  | 'DOSSIER_FRONT_OPINION'
  | 'RESIDENT_EXTRACTION_REQUEST'
  | 'COMMUNITY_REHAB_PROVIDERS'
  | 'FACILITY_LICENSING'
  | 'REHAB_STATE_MANAGEMENT'
  | 'COURT_DECISION'
  | 'INTERIM_MEASURE'
  | 'FACILITY_OPERATION'
  | 'COMMUNITY_REHAB'
  | 'POST_REHAB_MANAGEMENT';

export interface Arrangement {
  step: string;
  role: string;
  unitLevel: string;
  agency: string;
  actor: Record<Locale, string>;
  stepLabel: Record<Locale, string>;
  legalBasis: string;
}

export type OfficerUnit = NonNullable<OfficerResponsibilitiesQuery['administrativeUnit']>;

type ResponsibilityRow = OfficerResponsibilitiesQuery['responsibilities'][number];

/** Today's arrangements and the officer's unit today (null when the unit has ended, e.g. a district). */
const ACTING_QUERY: TypedDocumentNode<OfficerResponsibilitiesQuery, OfficerResponsibilitiesQueryVariables> = gql`
  query OfficerResponsibilities($unitCode: ID!) {
    responsibilities {
      step
      role
      unitLevel
      agency
      actorVi: actor(locale: VI)
      actorEn: actor(locale: EN)
      stepVi: stepLabel(locale: VI)
      stepEn: stepLabel(locale: EN)
      legalBasis
    }
    administrativeUnit(code: $unitCode) {
      code
      name
      level
      path
    }
  }
`;

export interface Acting {
  /** False until today's arrangements have loaded (no step is offered before). */
  loaded: boolean;
  /** The officer's unit as it is today; null when it no longer exists (the account reads the past only). */
  unit: OfficerUnit | null;
  /** The province of the officer's unit today (first code of its path). */
  provinceCode: string | null;
  /** Today's arrangements for a step. */
  arrangements: (step: ResponsibilityStep) => Arrangement[];
  /** Does today's arrangement for the step name the officer's role at the level of the officer's unit? */
  mayAct: (step: ResponsibilityStep) => boolean;
}

const NOBODY: Acting = { loaded: false, unit: null, provinceCode: null, arrangements: () => [], mayAct: () => false };

const ActingContext = createContext<Acting>(NOBODY);

function toArrangement(row: ResponsibilityRow): Arrangement {
  return {
    step: row.step,
    role: row.role,
    unitLevel: row.unitLevel,
    agency: row.agency,
    legalBasis: row.legalBasis,
    actor: { vi: row.actorVi, en: row.actorEn },
    stepLabel: { vi: row.stepVi, en: row.stepEn },
  };
}

export function ActingProvider({ officer, children }: { officer: Officer; children?: ReactNode }): ReactNode {
  // Reference data, the same for every person: kept in the client cache for the session.
  const { data, error } = useQuery(ACTING_QUERY, { variables: { unitCode: officer.unitCode } });
  const value = useMemo<Acting>(() => {
    // Half an answer is no answer: without both, no step is offered and no unit is called ended.
    if (!data?.responsibilities || error) return NOBODY;
    const rows = data.responsibilities.map(toArrangement);
    const unit = data.administrativeUnit ?? null;
    const arrangements = (step: ResponsibilityStep): Arrangement[] => rows.filter((r) => r.step === step);
    return {
      loaded: true,
      unit,
      provinceCode: unit ? (unit.path.split('.')[0] ?? null) : null,
      arrangements,
      mayAct: (step) => unit !== null && arrangements(step).some((r) => r.role === officer.role && r.unitLevel === unit.level),
    };
  }, [data, error, officer.role]);
  return createElement(ActingContext.Provider, { value }, children);
}

export function useActing(): Acting {
  return useContext(ActingContext);
}

/** Does the court decide at a regional court today (rather than the court of the district)? */
export function regionalCourts(acting: Acting): boolean {
  return acting.arrangements('COURT_DECISION').some((r) => r.unitLevel === 'COURT');
}

/** Is the district labour office's review of a dossier part of today's path? */
export function reviewInForce(acting: Acting): boolean {
  return acting.arrangements('DOSSIER_REVIEW').length > 0;
}
