import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../acting';
import { useI18n } from '../i18n';
import { ActionForm, type FieldSpec, type FormValues } from './ActionForm';
import { ActionMenu } from './ActionMenu';
import { COMPLETE_REHAB_EPISODE, TERMINATE_REHAB_EPISODE } from './LaborActions';
import { chosen, useEnumOptions } from './options';
import { dateField, StepMenu, type Step } from './StepMenu';
import { numberOf, optional, today, useSubmit } from './useSubmit';
import type {
  AdvanceRehabPhaseMutation,
  AdvanceRehabPhaseMutationVariables,
  CaregiverRelationship,
  CommunityRehabPlanInput,
  CommunityServiceProvidersQuery,
  CommunityServiceProvidersQueryVariables,
  RegisterCommunityRehabMutation,
  RegisterCommunityRehabMutationVariables,
  RehabPhase,
  SetCommunityRehabPlanMutation,
  SetCommunityRehabPlanMutationVariables,
  SupporterRole,
} from '../__generated__/operations';

const PROVIDERS: TypedDocumentNode<CommunityServiceProvidersQuery, CommunityServiceProvidersQueryVariables> = gql`
  query CommunityServiceProviders($unitCode: ID!, $usableOn: Date) {
    serviceProviders(unitCode: $unitCode, usableOn: $usableOn) {
      id
      name
      registrationNumber
    }
  }
`;

const REGISTER: TypedDocumentNode<RegisterCommunityRehabMutation, RegisterCommunityRehabMutationVariables> = gql`
  mutation RegisterCommunityRehab($input: RegisterCommunityRehabInput!) {
    registerCommunityRehab(input: $input) {
      id
      status
      version
    }
  }
`;

const SET_PLAN: TypedDocumentNode<SetCommunityRehabPlanMutation, SetCommunityRehabPlanMutationVariables> = gql`
  mutation SetCommunityRehabPlan($id: ID!, $expectedVersion: Int!, $input: CommunityRehabPlanInput!) {
    setCommunityRehabPlan(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
      communityRehabPlan {
        revision
      }
    }
  }
`;

const ADVANCE: TypedDocumentNode<AdvanceRehabPhaseMutation, AdvanceRehabPhaseMutationVariables> = gql`
  mutation AdvanceRehabPhase($id: ID!, $expectedVersion: Int!, $phase: RehabPhase!, $on: Date!) {
    advanceRehabPhase(id: $id, expectedVersion: $expectedVersion, phase: $phase, on: $on) {
      id
      phase
      version
    }
  }
`;

const PHASES: readonly RehabPhase[] = [
  'INTAKE_CLASSIFICATION',
  'DETOX',
  'EDUCATION_BEHAVIOUR',
  'VOCATIONAL_LABOUR_THERAPY',
  'REINTEGRATION_PREPARATION',
];
/** Rehab at home/community may leave out labour therapy (the law's art. 29). */
const OPTIONAL_PHASE: RehabPhase = 'VOCATIONAL_LABOUR_THERAPY';
const RELATIONSHIPS: readonly CaregiverRelationship[] = [
  'PARENT',
  'SPOUSE',
  'CHILD',
  'SIBLING',
  'GRANDPARENT',
  'OTHER_RELATIVE',
  'GUARDIAN',
];
const SUPPORTER_ROLES: readonly SupporterRole[] = [
  'COMMUNE_POLICE',
  'MASS_ORGANISATION',
  'VILLAGE_HEAD',
  'HEALTH_WORKER',
  'PROVIDER_STAFF',
  'OTHER',
];
/** Up to five named supporters, as the rule allows (the first required). */
const SUPPORTER_ROWS = [1, 2, 3, 4, 5] as const;
const OPEN = new Set(['ADMITTED', 'ON_LEAVE', 'ABSCONDED']);

/** The person, as the register form needs them. */
export interface CommunitySubject {
  id: string;
  fullName: string | null;
  residenceUnitCode: string | null;
}

/** Đăng ký cai nghiện tự nguyện tại gia đình, cộng đồng: the commune, for a resident without an open rehab. */
export function RegisterCommunityRehabAction({
  person,
  hasOpenEpisode,
  reload,
}: {
  person: CommunitySubject;
  hasOpenEpisode: boolean;
  reload: () => Promise<unknown>;
}): ReactNode {
  const acting = useActing();
  const allowed = acting.mayAct('COMMUNITY_REHAB') && !hasOpenEpisode && person.residenceUnitCode !== null;
  if (!allowed || person.residenceUnitCode === null) return null;
  return <RegisterForm person={person} unitCode={person.residenceUnitCode} reload={reload} />;
}

function RegisterForm({
  person,
  unitCode,
  reload,
}: {
  person: CommunitySubject;
  unitCode: string;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, formatDate } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  // Providers published and not withdrawn today (the server checks the chosen start date).
  const providers = useQuery(PROVIDERS, { variables: { unitCode, usableOn: today() } });
  const list = providers.data?.serviceProviders ?? [];
  const fields: FieldSpec[] = [
    {
      name: 'serviceProviderId',
      label: t('community.provider'),
      kind: 'select',
      required: true,
      placeholder: t('form.choosePlaceholder'),
      options: list.map((p) => ({ value: p.id, label: `${p.name} (${p.registrationNumber})` })),
      hint: providers.data && list.length === 0 ? t('community.noProvider') : undefined,
      wide: true,
    },
    {
      name: 'setting',
      label: t('community.setting'),
      kind: 'select',
      options: options('communitySetting', ['HOME', 'REHAB_HOUSE']),
    },
    dateField('startedOn', t('community.startedOn')),
    { name: 'termMonths', label: t('community.termMonths'), kind: 'number', required: true, hint: t('community.termHint') },
  ];
  return (
    <ActionMenu
      label={t('community.register')}
      actions={[
        {
          key: 'register-community',
          label: t('community.register'),
          render: (close) => (
            <ActionForm
              testId="form-register-community"
              title={t('community.register')}
              submitLabel={t('form.save')}
              fields={fields}
              confirm={(v) =>
                t('community.confirmRegister', {
                  name: person.fullName ?? '',
                  date: formatDate(v.startedOn),
                  months: v.termMonths ?? '',
                })
              }
              onSubmit={(v) =>
                submit(REGISTER, {
                  input: {
                    personId: person.id,
                    residenceUnitCode: unitCode,
                    serviceProviderId: v.serviceProviderId ?? '',
                    startedOn: v.startedOn ?? '',
                    termMonths: numberOf(v.termMonths) ?? Number.NaN,
                    setting: chosen<'HOME' | 'REHAB_HOUSE'>(v.setting),
                  },
                })
              }
              onDone={reload}
              onCancel={close}
            />
          ),
        },
      ]}
    />
  );
}

/** The plan as read with the person (null before it is drawn up). */
export interface PlanRecord {
  preparedOn: string;
  goals: string | null;
  caregiver: { fullName: string; relationship: CaregiverRelationship; phone: string | null } | null;
  supporters: readonly { fullName: string; role: SupporterRole; organisation: string | null; phone: string | null }[];
  phases: readonly { phase: RehabPhase; startsOn: string; activities: string }[];
}

export interface CommunityEpisode {
  id: string;
  status: string | null;
  version: number | null;
  admittedOn: string;
  phase: RehabPhase | null;
  /** Absent on a worklist of rehabs without a plan. */
  communityRehabPlan?: PlanRecord | null;
}

function planFields(episode: CommunityEpisode, t: ReturnType<typeof useI18n>['t'], label: ReturnType<typeof useI18n>['label']) {
  const options = (name: 'caregiverRelationship' | 'supporterRole', values: readonly string[]) =>
    values.map((value) => ({ value, label: label(name, value) }));
  const plan = episode.communityRehabPlan;
  const phaseOf = (p: RehabPhase) => plan?.phases.find((x) => x.phase === p);
  const fields: FieldSpec[] = [
    dateField('preparedOn', t('community.preparedOn')),
    { name: 'goals', label: t('community.goals'), kind: 'textarea', initial: plan?.goals ?? '' },
    {
      name: 'caregiver',
      label: t('community.caregiverName'),
      kind: 'text',
      hint: t('community.caregiverHint'),
      initial: plan?.caregiver?.fullName ?? '',
    },
    {
      name: 'relationship',
      label: t('community.relationship'),
      kind: 'select',
      options: options('caregiverRelationship', RELATIONSHIPS),
      initial: plan?.caregiver?.relationship,
    },
    { name: 'caregiverPhone', label: t('community.phone'), kind: 'text', initial: plan?.caregiver?.phone ?? '' },
  ];
  for (const n of SUPPORTER_ROWS) {
    const s = plan?.supporters[n - 1];
    fields.push(
      {
        name: `supporter${n}`,
        label: t('community.supporterName', { n: String(n) }),
        kind: 'text',
        required: n === 1,
        initial: s?.fullName ?? '',
      },
      {
        name: `supporter${n}Role`,
        label: t('community.supporterRole', { n: String(n) }),
        kind: 'select',
        options: options('supporterRole', SUPPORTER_ROLES),
        initial: s?.role,
      },
      {
        name: `supporter${n}Organisation`,
        label: t('community.supporterOrganisation', { n: String(n) }),
        kind: 'text',
        initial: s?.organisation ?? '',
      },
      {
        name: `supporter${n}Phone`,
        label: t('community.supporterPhone', { n: String(n) }),
        kind: 'text',
        initial: s?.phone ?? '',
      },
    );
  }
  for (const p of PHASES) {
    const planned = phaseOf(p);
    const optionalPhase = p === OPTIONAL_PHASE;
    const phase = label('rehabPhase', p);
    fields.push(
      {
        name: `${p}.startsOn`,
        label: t('community.phaseStart', { phase }),
        kind: 'date',
        required: !optionalPhase,
        hint: optionalPhase ? t('community.optionalPhase') : undefined,
        initial: planned?.startsOn ?? (p === 'INTAKE_CLASSIFICATION' ? episode.admittedOn : ''),
      },
      {
        name: `${p}.activities`,
        label: t('community.phaseActivities', { phase }),
        kind: 'textarea',
        required: !optionalPhase,
        initial: planned?.activities ?? '',
      },
    );
  }
  return fields;
}

function planInput(v: FormValues): CommunityRehabPlanInput {
  const caregiver = optional(v.caregiver);
  return {
    preparedOn: optional(v.preparedOn),
    goals: optional(v.goals),
    caregiver: caregiver
      ? { fullName: caregiver, relationship: chosen<CaregiverRelationship>(v.relationship), phone: optional(v.caregiverPhone) }
      : null,
    supporters: SUPPORTER_ROWS.filter((n) => optional(v[`supporter${n}`]) !== null).map((n) => ({
      fullName: v[`supporter${n}`] ?? '',
      role: chosen<SupporterRole>(v[`supporter${n}Role`]),
      organisation: optional(v[`supporter${n}Organisation`]),
      phone: optional(v[`supporter${n}Phone`]),
    })),
    // A phase left without a start date is left out (labour therapy may be; the server names any other).
    phases: PHASES.filter((p) => optional(v[`${p}.startsOn`]) !== null).map((p) => ({
      phase: p,
      startsOn: v[`${p}.startsOn`] ?? '',
      activities: v[`${p}.activities`] ?? '',
    })),
  };
}

/** Cai nghiện tại gia đình, cộng đồng: the plan, the phases, completion and early end, by the commune that manages it. */
export function CommunityEpisodeActions({
  episode,
  person,
  reload,
  title,
}: {
  episode: CommunityEpisode;
  person: string;
  reload: () => Promise<unknown>;
  title?: string;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  const acting = useActing();
  if (!acting.mayAct('COMMUNITY_REHAB') || !OPEN.has(episode.status ?? '')) return null;
  const steps: Step[] = [];
  if (episode.status === 'ADMITTED') {
    const later = PHASES.slice(episode.phase ? PHASES.indexOf(episode.phase) + 1 : 0);
    steps.push({
      key: 'community-plan',
      label: episode.communityRehabPlan ? t('community.revisePlan') : t('community.plan'),
      mutation: SET_PLAN,
      fields: planFields(episode, t, label),
      variables: (v) => ({ input: planInput(v) }),
    });
    if (later.length > 0) {
      steps.push({
        key: 'community-phase',
        label: t('community.advancePhase'),
        mutation: ADVANCE,
        fields: [
          {
            name: 'phase',
            label: t('community.nextPhase'),
            kind: 'select',
            options: later.map((p) => ({ value: p, label: label('rehabPhase', p) })),
          },
          dateField('on', t('community.phaseOn')),
        ],
        variables: (v) => ({ phase: chosen<RehabPhase>(v.phase), on: v.on ?? '' }),
      });
    }
    steps.push({
      key: 'community-complete',
      label: t('community.complete'),
      mutation: COMPLETE_REHAB_EPISODE,
      fields: [
        dateField('completedOn', t('community.completedOn')),
        { name: 'certificateNumber', label: t('community.certificate'), kind: 'text', required: true },
      ],
      variables: (v) => ({ completedOn: v.completedOn ?? '', certificateNumber: v.certificateNumber ?? '' }),
      confirm: (v) => t('community.confirmComplete', { name: person, date: formatDate(v.completedOn) }),
    });
  }
  steps.push({
    key: 'community-terminate',
    label: t('community.terminate'),
    mutation: TERMINATE_REHAB_EPISODE,
    fields: [
      { name: 'reason', label: t('community.reason'), kind: 'textarea', required: true },
      dateField('terminatedOn', t('community.endedOn')),
    ],
    variables: (v) => ({ reason: v.reason ?? '', terminatedOn: v.terminatedOn ?? '' }),
    confirm: (v) => t('community.confirmTerminate', { name: person, date: formatDate(v.terminatedOn) }),
  });
  return <StepMenu label={t('action.labor')} steps={steps} record={episode} reload={reload} title={title} />;
}
