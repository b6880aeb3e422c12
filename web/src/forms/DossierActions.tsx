import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ReactNode } from 'react';
import { regionalCourts, reviewInForce, useActing, type Acting } from '../acting';
import { formatDate, useI18n } from '../i18n';
import { useCourts, useFacilities, useFacilityLabel, type UnitOption } from '../units';
import { ActionForm, type FieldSpec, type FormValues } from './ActionForm';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { useCustodySteps, type CustodyDossier } from './DossierCustody';
import { chosen, useEnumOptions } from './options';
import { dateField, StepMenu, type Step } from './StepMenu';
import { numberOf, optional, useSubmit } from './useSubmit';
import type {
  AdmitCompulsoryMutation,
  AdmitCompulsoryMutationVariables,
  DossierGround,
  DraftDossierMutation,
  DraftDossierMutationVariables,
  ForwardDossierMutation,
  ForwardDossierMutationVariables,
  RecordCourtDecisionMutation,
  RecordCourtDecisionMutationVariables,
  ReturnDossierMutation,
  ReturnDossierMutationVariables,
  SubmitDossierMutation,
  SubmitDossierMutationVariables,
} from '../__generated__/operations';

const SUBMIT_DOSSIER: TypedDocumentNode<SubmitDossierMutation, SubmitDossierMutationVariables> = gql`
  mutation SubmitDossier($id: ID!, $expectedVersion: Int!, $submittedOn: Date, $courtUnitCode: ID) {
    submitCompulsoryRehabDossier(
      id: $id
      expectedVersion: $expectedVersion
      submittedOn: $submittedOn
      courtUnitCode: $courtUnitCode
    ) {
      id
      status
      version
    }
  }
`;

const RETURN_DOSSIER: TypedDocumentNode<ReturnDossierMutation, ReturnDossierMutationVariables> = gql`
  mutation ReturnDossier($id: ID!, $expectedVersion: Int!, $reason: String!) {
    returnDossierForCorrection(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
      id
      status
      version
    }
  }
`;

const FORWARD_DOSSIER: TypedDocumentNode<ForwardDossierMutation, ForwardDossierMutationVariables> = gql`
  mutation ForwardDossier($id: ID!, $expectedVersion: Int!, $forwardedOn: Date, $courtUnitCode: ID) {
    forwardDossierToCourt(id: $id, expectedVersion: $expectedVersion, forwardedOn: $forwardedOn, courtUnitCode: $courtUnitCode) {
      id
      status
      version
    }
  }
`;

const RECORD_COURT_DECISION: TypedDocumentNode<RecordCourtDecisionMutation, RecordCourtDecisionMutationVariables> = gql`
  mutation RecordCourtDecision($id: ID!, $expectedVersion: Int!, $input: CourtDecisionInput!) {
    recordCourtDecision(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      status
      version
    }
  }
`;

const ADMIT_COMPULSORY: TypedDocumentNode<AdmitCompulsoryMutation, AdmitCompulsoryMutationVariables> = gql`
  mutation AdmitCompulsory($dossierId: ID!, $expectedVersion: Int!, $facilityCode: ID!, $admittedOn: Date!) {
    admitCompulsory(
      dossierId: $dossierId
      expectedVersion: $expectedVersion
      facilityCode: $facilityCode
      admittedOn: $admittedOn
    ) {
      id
      status
      version
    }
  }
`;

const DRAFT_DOSSIER: TypedDocumentNode<DraftDossierMutation, DraftDossierMutationVariables> = gql`
  mutation DraftDossier($input: DraftDossierInput!) {
    draftCompulsoryRehabDossier(input: $input) {
      id
      status
      version
    }
  }
`;

/** Statuses of a dossier still in progress (a person has at most one; a new one cannot be opened meanwhile). */
export const PENDING_DOSSIER_STATUSES = [
  'DRAFTED',
  'SUBMITTED',
  'RETURNED_FOR_CORRECTION',
  'FORWARDED_TO_COURT',
  'POSTPONED',
  'APPROVED',
];

type T = ReturnType<typeof useI18n>['t'];

/**
 * The court field of a step that sends a dossier to the court: a choice among the
 * province's regional courts while they decide (none is pre-selected); none before.
 */
function courtField(acting: Acting, courts: UnitOption[] | undefined, t: T): FieldSpec[] {
  if (!regionalCourts(acting)) return [];
  return [
    {
      name: 'courtUnitCode',
      label: t('field.court'),
      kind: 'select',
      required: true,
      options: [
        { value: '', label: t('field.courtPlaceholder') },
        ...(courts ?? []).map((c) => ({ value: c.code, label: c.name })),
      ],
    },
  ];
}

function courtName(courts: UnitOption[] | undefined, code: string | undefined): string | null {
  return courts?.find((c) => c.code === code)?.name ?? null;
}

/**
 * Hồ sơ đề nghị: the steps of a compulsory-rehab dossier the officer may take today — send
 * it (to the labour office while its review existed, to the court since), review it,
 * record the court's decision, admit the person. Each is offered only when today's
 * arrangement names the officer's role at the level of the officer's unit.
 */
export function DossierActions({
  dossier,
  role,
  unitCode,
  reload,
  title,
}: {
  dossier: CustodyDossier & { allowedTerm?: { minMonths: number; maxMonths: number; legalBasis: string } | null };
  role: string;
  unitCode: string;
  reload: () => Promise<unknown>;
  title?: string;
}): ReactNode {
  const { t, label } = useI18n();
  const options = useEnumOptions();
  const acting = useActing();
  const { courts } = useCourts(regionalCourts(acting) ? acting.provinceCode : null);
  const { facilities } = useFacilities(
    acting.mayAct('COURT_DECISION') || acting.mayAct('FACILITY_OPERATION') ? acting.provinceCode : null,
  );
  const facilityLabel = useFacilityLabel();
  const custody = useCustodySteps(dossier, role, PENDING_DOSSIER_STATUSES.includes(dossier.status ?? ''));
  const steps: Step[] = [];
  const status = dossier.status;
  const review = reviewInForce(acting);
  const courtChoice = courtField(acting, courts, t);
  const toCourt = (v: FormValues) => ({ courtUnitCode: optional(v.courtUnitCode) });
  const confirmCourt = (v: FormValues): string | null => {
    const court = courtName(courts, v.courtUnitCode);
    return court ? t('confirm.sendToCourt', { court }) : null;
  };
  if ((status === 'DRAFTED' || status === 'RETURNED_FOR_CORRECTION') && acting.mayAct('DOSSIER_SUBMISSION')) {
    steps.push(
      review
        ? {
            key: 'submit-dossier',
            label: t('action.submitDossier'),
            mutation: SUBMIT_DOSSIER,
            fields: [dateField('submittedOn', t('field.submittedOn'))],
            variables: (v) => ({ submittedOn: optional(v.submittedOn) }),
          }
        : {
            key: 'submit-dossier',
            label: t('action.submitDossierToCourt'),
            mutation: SUBMIT_DOSSIER,
            fields: [...courtChoice, dateField('submittedOn', t('field.submittedOn'))],
            variables: (v) => ({ submittedOn: optional(v.submittedOn), ...toCourt(v) }),
            confirm: confirmCourt,
          },
    );
  }
  // A dossier still awaiting the old district review: forwarded by the review while it existed, by the compiler since.
  if (status === 'SUBMITTED' && acting.mayAct(review ? 'DOSSIER_REVIEW' : 'DOSSIER_SUBMISSION')) {
    steps.push({
      key: 'forward',
      label: t('action.forward'),
      mutation: FORWARD_DOSSIER,
      fields: [...courtChoice, dateField('forwardedOn', t('field.forwardedOn'))],
      variables: (v) => ({ forwardedOn: optional(v.forwardedOn), ...toCourt(v) }),
      confirm: confirmCourt,
    });
  }
  if (status === 'SUBMITTED' && acting.mayAct('DOSSIER_REVIEW')) {
    steps.push({
      key: 'return-dossier',
      label: t('action.returnDossier'),
      mutation: RETURN_DOSSIER,
      fields: [{ name: 'reason', label: t('field.correctionReason'), kind: 'textarea', required: true }],
      variables: (v) => ({ reason: v.reason ?? '' }),
    });
  }
  if ((status === 'FORWARDED_TO_COURT' || status === 'POSTPONED') && acting.mayAct('COURT_DECISION')) {
    // A postponed dossier is decided again, but not postponed twice.
    const outcomes =
      status === 'POSTPONED' ? ['APPROVED', 'REJECTED', 'EXEMPTED'] : ['APPROVED', 'REJECTED', 'POSTPONED', 'EXEMPTED'];
    steps.push({
      key: 'decide',
      label: t('action.courtDecision'),
      mutation: RECORD_COURT_DECISION,
      fields: [
        {
          name: 'outcome',
          label: t('field.outcome'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          options: options('courtOutcome', outcomes),
        },
        { name: 'decisionNumber', label: t('field.decisionNumber'), kind: 'text', required: true },
        dateField('decidedOn', t('field.decidedOn')),
        {
          name: 'termMonths',
          label: t('field.termMonths'),
          kind: 'number',
          hint: dossier.allowedTerm
            ? t('field.termHint', {
                min: String(dossier.allowedTerm.minMonths),
                max: String(dossier.allowedTerm.maxMonths),
                basis: dossier.allowedTerm.legalBasis,
              })
            : undefined,
        },
        {
          name: 'facilityCode',
          label: t('field.facility'),
          kind: 'select',
          hint: t('field.facilityHint'),
          options: [
            { value: '', label: t('field.facilityNone') },
            ...(facilities ?? []).map((f) => ({ value: f.code, label: facilityLabel(f) })),
          ],
        },
        { name: 'reason', label: t('field.reason'), kind: 'textarea' },
      ],
      confirm: (v) =>
        t('confirm.courtDecision', {
          number: v.decisionNumber ?? '',
          date: formatDate(v.decidedOn),
          outcome: label('courtOutcome', v.outcome ?? ''),
        }),
      variables: (v) => ({
        input: {
          outcome: v.outcome,
          decisionNumber: v.decisionNumber ?? '',
          decidedOn: v.decidedOn,
          termMonths: numberOf(v.termMonths),
          facilityCode: optional(v.facilityCode),
          reason: optional(v.reason),
        },
      }),
    });
  }
  if (status === 'APPROVED' && acting.mayAct('FACILITY_OPERATION')) {
    steps.push({
      key: 'admit',
      label: t('action.admit'),
      mutation: ADMIT_COMPULSORY,
      fields: [
        {
          name: 'facilityCode',
          label: t('field.facility'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          // The officer's own facility when it is one of the province's.
          initial: (facilities ?? []).some((f) => f.code === unitCode) ? unitCode : '',
          options: (facilities ?? []).map((f) => ({ value: f.code, label: facilityLabel(f) })),
          wide: true,
        },
        dateField('admittedOn', t('labor.admittedOn')),
      ],
      confirm: (v) =>
        t('confirm.admit', {
          facility: facilities?.find((f) => f.code === v.facilityCode)?.name ?? v.facilityCode ?? '',
          date: formatDate(v.admittedOn),
        }),
      variables: (v) => ({ dossierId: dossier.id, facilityCode: v.facilityCode, admittedOn: v.admittedOn }),
    });
  }
  steps.push(...(custody ?? []));
  // The court's and the facility's steps wait until their pickers have loaded (a form keeps the options it opened with).
  const ready = steps.filter(
    (s) =>
      (s.key === 'decide' || s.key === 'admit' ? facilities !== undefined : true) &&
      (courtChoice.length > 0 && (s.key === 'submit-dossier' || s.key === 'forward') ? courts !== undefined : true),
  );
  return <StepMenu label={t('action.labor')} steps={ready} record={dossier} reload={reload} title={title} />;
}

export interface DraftSubject {
  id: string;
  fullName: string | null;
  dateOfBirth: string | null;
  residenceUnitCode: string | null;
}

/**
 * Lập hồ sơ: open (draft) a compulsory-rehab dossier for the person, offered to whoever
 * compiles dossiers today and only while the person has no dossier in progress.
 */
export function OpenDossierAction({
  person,
  hasPendingDossier,
  reload,
}: {
  person: DraftSubject;
  hasPendingDossier: boolean;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, label } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  const acting = useActing();
  if (!acting.mayAct('DOSSIER_DRAFTING') || hasPendingDossier) return null;
  const grounds = [
    'NOT_REGISTERED',
    'QUIT_VOLUNTARY_REHAB',
    'USED_DURING_VOLUNTARY_REHAB',
    'USED_DURING_SUBSTITUTION',
    'RELAPSED_DURING_POST_REHAB',
  ];
  const actions: MenuAction[] = [
    {
      key: 'draft',
      label: t('action.openDossier'),
      render: (close) => (
        <ActionForm
          testId="form-draft-dossier"
          title={t('action.openDossier')}
          submitLabel={t('form.save')}
          fields={[
            {
              name: 'ground',
              label: t('field.ground'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              options: options('dossierGround', grounds),
              wide: true,
            },
            { name: 'groundNote', label: t('field.note'), kind: 'textarea' },
            dateField('startedOn', t('field.startedOn')),
            { name: 'addictionDeterminationRef', label: t('field.determinationRef'), kind: 'text' },
          ]}
          confirm={(v) =>
            t('confirm.openDossier', {
              person: person.fullName ?? '',
              ground: label('dossierGround', v.ground ?? ''),
              date: formatDate(v.startedOn),
            })
          }
          onSubmit={(v) =>
            submit(DRAFT_DOSSIER, {
              input: {
                personId: person.id,
                residenceUnitCode: person.residenceUnitCode ?? '',
                startedOn: optional(v.startedOn),
                ground: chosen<DossierGround>(v.ground),
                groundNote: optional(v.groundNote),
                subjectFullName: person.fullName ?? '',
                subjectDateOfBirth: person.dateOfBirth ?? '',
                addictionDeterminationRef: optional(v.addictionDeterminationRef),
              },
            })
          }
          onDone={reload}
          onCancel={close}
        />
      ),
    },
  ];
  return <ActionMenu label={t('action.labor')} actions={actions} />;
}

/**
 * For an officer of a role that used to take a dossier step but does not today (the commune
 * chair before 1 March 2025, the district labour office): who does it now, from the table.
 */
export function WhoCompilesDossiers({ role }: { role: string }): ReactNode {
  const { t, locale } = useI18n();
  const acting = useActing();
  const rows = acting.arrangements('DOSSIER_SUBMISSION');
  if (!acting.loaded || acting.mayAct('DOSSIER_DRAFTING') || rows.length === 0) return null;
  if (role !== 'commune_official' && role !== 'labour_officer') return null;
  const first = rows[0];
  return (
    <p className="muted" data-testid="who-compiles-dossiers">
      {t('action.whoActsToday', {
        step: first?.stepLabel[locale] ?? '',
        actors: rows.map((r) => r.actor[locale]).join('; '),
        basis: [...new Set(rows.map((r) => r.legalBasis))].join('; '),
      })}
    </p>
  );
}
