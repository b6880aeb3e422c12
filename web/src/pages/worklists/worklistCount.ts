import { gql, type TypedDocumentNode } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import type { Officer } from '../../auth';
import type {
  AdmissionCountQuery,
  AdmissionCountQueryVariables,
  CommuneWorkCountQuery,
  CommuneWorkCountQueryVariables,
  CourtWorkCountQuery,
  CourtWorkCountQueryVariables,
  FrontWorkCountQuery,
  FrontWorkCountQueryVariables,
  MissedDoseCountQuery,
  MissedDoseCountQueryVariables,
  ClinicCountQuery,
  ClinicCountQueryVariables,
  VisitsDueCountQuery,
  VisitsDueCountQueryVariables,
  PoliceWorkCountQuery,
  PoliceWorkCountQueryVariables,
  ReviewCountQuery,
  ReviewCountQueryVariables,
} from '../../__generated__/operations';

/**
 * How many items wait for the officer's own action on the worklist, for the navigation:
 * the same lists, with the same arguments, as the worklist page shows them. Lists of
 * other units' work and read-only lists are not counted.
 */
const POLICE: TypedDocumentNode<PoliceWorkCountQuery, PoliceWorkCountQueryVariables> = gql`
  query PoliceWorkCount {
    transfers: transferNoticesAwaitingAcknowledgement(first: 1) {
      totalCount
    }
    completions: rehabCompletionNotices(acknowledged: false, first: 1) {
      totalCount
    }
    searches: absconderSearches(status: OPEN, first: 1) {
      totalCount
    }
  }
`;

const COMMUNE: TypedDocumentNode<CommuneWorkCountQuery, CommuneWorkCountQueryVariables> = gql`
  query CommuneWorkCount($unitCode: ID!) {
    decisions: postRehabCasesAwaitingDecision(unitCode: $unitCode) {
      id
    }
    plans: communityRehabAwaitingPlan(unitCode: $unitCode) {
      id
    }
    needing: assignmentsNeedingVolunteer {
      assignmentId
    }
  }
`;

const COURT: TypedDocumentNode<CourtWorkCountQuery, CourtWorkCountQueryVariables> = gql`
  query CourtWorkCount {
    dossiersAwaitingDecision {
      id
    }
  }
`;

const ADMISSION: TypedDocumentNode<AdmissionCountQuery, AdmissionCountQueryVariables> = gql`
  query AdmissionCount($facilityCode: ID!) {
    dossiersAwaitingAdmission(facilityCode: $facilityCode) {
      id
    }
    extractions: residentExtractions(statuses: [REQUESTED]) {
      id
    }
  }
`;

const REVIEW: TypedDocumentNode<ReviewCountQuery, ReviewCountQueryVariables> = gql`
  query ReviewCount($unitCode: ID!) {
    dossiersAwaitingReview(unitCode: $unitCode) {
      id
    }
  }
`;

/** A health worker's worklist opens on the first clinic of their unit: its patients missing doses 3 days or more. */
const CLINIC: TypedDocumentNode<ClinicCountQuery, ClinicCountQueryVariables> = gql`
  query ClinicCount($unitCode: ID) {
    clinics(unitCode: $unitCode) {
      code
    }
  }
`;

const MISSED: TypedDocumentNode<MissedDoseCountQuery, MissedDoseCountQueryVariables> = gql`
  query MissedDoseCount($clinicCode: ID!) {
    missedDoseStreaks(clinicCode: $clinicCode, minDays: 3) {
      personId
    }
  }
`;

/** The Fatherland Front committee's dossiers awaiting its opinion. */
const FRONT: TypedDocumentNode<FrontWorkCountQuery, FrontWorkCountQueryVariables> = gql`
  query FrontWorkCount {
    dossiersForFrontOpinion {
      id
    }
  }
`;

/** A volunteer's people whose visit is due. */
const VISITS: TypedDocumentNode<VisitsDueCountQuery, VisitsDueCountQueryVariables> = gql`
  query VisitsDueCount {
    myVolunteerWorklist {
      people {
        assignmentId
        visitDue
      }
    }
  }
`;

/** How often the navigation asks again (besides on every change of page). */
const POLL_MS = 60_000;

// A count with any part missing is no count: errors leave the navigation without one.
const options = { pollInterval: POLL_MS, errorPolicy: 'none', fetchPolicy: 'network-only' } as const;

/** The count of one role's queue, or null (unknown, or a role without one). */
export function useWorklistCount(officer: Officer, page: string): number | null {
  const { role, unitCode } = officer;
  const police = useQuery(POLICE, role === 'police_officer' ? options : skipToken);
  const commune = useQuery(COMMUNE, role === 'commune_official' ? { ...options, variables: { unitCode } } : skipToken);
  const court = useQuery(COURT, role === 'court_clerk' ? options : skipToken);
  const admission = useQuery(
    ADMISSION,
    role === 'facility_staff' ? { ...options, variables: { facilityCode: unitCode } } : skipToken,
  );
  const review = useQuery(REVIEW, role === 'labour_officer' ? { ...options, variables: { unitCode } } : skipToken);
  const clinics = useQuery(CLINIC, role === 'health_worker' ? { variables: { unitCode }, errorPolicy: 'none' } : skipToken);
  const clinicCode = clinics.data?.clinics[0]?.code;
  const missed = useQuery(MISSED, clinicCode ? { ...options, variables: { clinicCode } } : skipToken);
  const visits = useQuery(VISITS, role === 'volunteer' ? options : skipToken);
  const front = useQuery(FRONT, role === 'front_officer' ? options : skipToken);
  const queries = [police, commune, court, admission, review, missed, visits, front];
  useEffect(() => {
    // Counted again whenever the officer changes page (back from the worklist, say).
    for (const q of queries) if (q.data) void q.refetch().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the page change triggers it
  }, [page]);
  if (queries.every((q) => !q.data)) return null;
  const p = police.data;
  const parts: (number | undefined)[] = [
    p?.transfers.totalCount,
    p?.completions.totalCount,
    p?.searches.totalCount,
    commune.data?.decisions.length,
    commune.data?.plans.length,
    commune.data?.needing.length,
    court.data?.dossiersAwaitingDecision.length,
    admission.data?.dossiersAwaitingAdmission.length,
    admission.data?.extractions.length,
    review.data?.dossiersAwaitingReview.length,
    missed.data?.missedDoseStreaks.length,
    visits.data?.myVolunteerWorklist.people.filter((p) => p.visitDue).length,
    front.data?.dossiersForFrontOpinion.length,
  ];
  return parts.reduce<number>((n, c) => n + (c ?? 0), 0);
}
