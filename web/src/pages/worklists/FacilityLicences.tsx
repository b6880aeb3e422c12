import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../../acting';
import { ActionForm } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { dateField, StepMenu, type Step } from '../../forms/StepMenu';
import { today, useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { WorklistSection } from './WorklistSection';
import type {
  FacilityLicenceRegisterQuery,
  FacilityLicenceRegisterQueryVariables,
  GrantFacilityLicenceMutation,
  GrantFacilityLicenceMutationVariables,
  RegisterPrivateFacilityMutation,
  RegisterPrivateFacilityMutationVariables,
  RenewFacilityLicenceMutation,
  RenewFacilityLicenceMutationVariables,
  RevokeFacilityLicenceMutation,
  RevokeFacilityLicenceMutationVariables,
} from '../../__generated__/operations';

const LICENCE_REGISTER: TypedDocumentNode<FacilityLicenceRegisterQuery, FacilityLicenceRegisterQueryVariables> = gql`
  query FacilityLicenceRegister($provinceCode: ID!) {
    facilityLicenceRegister(provinceCode: $provinceCode) {
      code
      name
      capacity
      licenceState
      occupancy {
        total
      }
      licences {
        id
        licenceNumber
        grantedOn
        validUntil
        licensedCapacity
        revokedOn
        revocationReason
        status
        version
        renewals {
          renewedOn
        }
      }
    }
    facilities {
      code
    }
    administrativeUnits(parentCode: $provinceCode, levels: [FACILITY]) {
      code
      name
    }
  }
`;

const REGISTER_FACILITY: TypedDocumentNode<RegisterPrivateFacilityMutation, RegisterPrivateFacilityMutationVariables> = gql`
  mutation RegisterPrivateFacility($code: ID!, $input: RegisterFacilityInput!) {
    registerFacility(code: $code, input: $input) {
      code
      version
    }
  }
`;

const GRANT: TypedDocumentNode<GrantFacilityLicenceMutation, GrantFacilityLicenceMutationVariables> = gql`
  mutation GrantFacilityLicence($facilityCode: ID!, $input: GrantFacilityLicenceInput!) {
    grantFacilityLicence(facilityCode: $facilityCode, input: $input) {
      id
      version
    }
  }
`;

const RENEW: TypedDocumentNode<RenewFacilityLicenceMutation, RenewFacilityLicenceMutationVariables> = gql`
  mutation RenewFacilityLicence($id: ID!, $expectedVersion: Int!, $renewedOn: Date!, $validUntil: Date!) {
    renewFacilityLicence(id: $id, expectedVersion: $expectedVersion, renewedOn: $renewedOn, validUntil: $validUntil) {
      id
      validUntil
      version
    }
  }
`;

const REVOKE: TypedDocumentNode<RevokeFacilityLicenceMutation, RevokeFacilityLicenceMutationVariables> = gql`
  mutation RevokeFacilityLicence($id: ID!, $expectedVersion: Int!, $revokedOn: Date!, $reason: String!) {
    revokeFacilityLicence(id: $id, expectedVersion: $expectedVersion, revokedOn: $revokedOn, reason: $reason) {
      id
      revokedOn
      version
    }
  }
`;

type Facility = FacilityLicenceRegisterQuery['facilityLicenceRegister'][number];
type Licence = Facility['licences'][number];

/** The states in which a facility may take residents (a new licence is granted otherwise). */
const ADMITTING = new Set(['IN_FORCE', 'EXPIRING']);

function LicenceSteps({ licence, reload }: { licence: Licence; reload: () => Promise<unknown> }): ReactNode {
  const { t, formatDate } = useI18n();
  const steps: Step[] = [
    {
      key: 'licence-renew',
      label: t('licence.renew'),
      mutation: RENEW,
      fields: [
        dateField('renewedOn', t('licence.renewedOn')),
        { name: 'validUntil', label: t('licence.newValidUntil'), kind: 'date', required: true },
      ],
      variables: (v) => ({ renewedOn: v.renewedOn ?? '', validUntil: v.validUntil ?? '' }),
    },
    {
      key: 'licence-revoke',
      label: t('licence.revoke'),
      mutation: REVOKE,
      fields: [
        dateField('revokedOn', t('licence.revokedOnField')),
        { name: 'reason', label: t('licence.reason'), kind: 'textarea', required: true },
      ],
      variables: (v) => ({ revokedOn: v.revokedOn ?? '', reason: v.reason ?? '' }),
      confirm: (v) => t('licence.confirmRevoke', { number: licence.licenceNumber, date: formatDate(v.revokedOn) }),
    },
  ];
  return <StepMenu label={t('licence.state')} steps={steps} record={{ ...licence, status: null }} reload={reload} />;
}

function GrantForm({ facility, reload }: { facility: Facility; reload: () => Promise<unknown> }): ReactNode {
  const { t, formatDate } = useI18n();
  const submit = useSubmit();
  return (
    <ActionMenu
      label={t('licence.grant')}
      actions={[
        {
          key: 'licence-grant',
          label: t('licence.grant'),
          render: (close) => (
            <ActionForm
              testId="form-licence-grant"
              title={`${t('licence.grant')}: ${facility.name}`}
              submitLabel={t('form.save')}
              fields={[
                { name: 'licenceNumber', label: t('licence.number'), kind: 'text', required: true },
                { name: 'grantedOn', label: t('licence.grantedOn'), kind: 'date', required: true, initial: today() },
                { name: 'validUntil', label: t('licence.validUntil'), kind: 'date', required: true },
                {
                  name: 'licensedCapacity',
                  label: t('licence.licensedCapacity'),
                  kind: 'number',
                  required: true,
                  initial: String(facility.capacity),
                },
              ]}
              confirm={(v) =>
                t('licence.confirmGrant', {
                  number: v.licenceNumber ?? '',
                  facility: facility.name,
                  from: formatDate(v.grantedOn),
                  until: formatDate(v.validUntil),
                })
              }
              onSubmit={(v) =>
                submit(GRANT, {
                  facilityCode: facility.code,
                  input: {
                    licenceNumber: v.licenceNumber ?? '',
                    grantedOn: v.grantedOn ?? '',
                    validUntil: v.validUntil ?? '',
                    licensedCapacity: Number(v.licensedCapacity),
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

function RegisterFacilityForm({
  units,
  reload,
}: {
  units: readonly { code: string; name: string }[];
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  const submit = useSubmit();
  if (units.length === 0) return null;
  return (
    <ActionMenu
      label={t('licence.registerFacility')}
      actions={[
        {
          key: 'facility-register',
          label: t('licence.registerFacility'),
          render: (close) => (
            <ActionForm
              testId="form-facility-register"
              title={t('licence.registerFacility')}
              submitLabel={t('form.save')}
              fields={[
                {
                  name: 'code',
                  label: t('licence.unit'),
                  kind: 'select',
                  required: true,
                  hint: t('licence.unitHint'),
                  options: units.map((u) => ({ value: u.code, label: u.name })),
                },
                { name: 'capacity', label: t('licence.capacity'), kind: 'number', required: true },
                { name: 'staffCount', label: t('licence.staffCount'), kind: 'number', required: true },
                { name: 'managerCount', label: t('licence.managerCount'), kind: 'number', required: true },
              ]}
              onSubmit={(v) =>
                submit(REGISTER_FACILITY, {
                  code: v.code ?? '',
                  input: {
                    kind: 'PRIVATE_VOLUNTARY',
                    capacity: Number(v.capacity),
                    staffCount: Number(v.staffCount),
                    managerCount: Number(v.managerCount),
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

/** Sổ cơ sở cai nghiện ngoài công lập: the province's licensing authority grants, renews and revokes their licences. */
export function FacilityLicences(): ReactNode {
  const { t, label, formatDate } = useI18n();
  const acting = useActing();
  const provinceCode = acting.provinceCode;
  const allowed = acting.mayAct('FACILITY_LICENSING');
  const { data, loading, error, refetch } = useQuery(LICENCE_REGISTER, {
    variables: { provinceCode: provinceCode ?? '' },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !allowed || provinceCode === null,
  });
  if (!allowed || provinceCode === null) return null;
  const reload = () => refetch();
  const recorded = new Set((data?.facilities ?? []).map((f) => f.code));
  const unrecorded = (data?.administrativeUnits ?? []).filter((u) => !recorded.has(u.code));
  const stranded = (data?.facilityLicenceRegister ?? [])
    .filter((f) => !ADMITTING.has(f.licenceState))
    .reduce((sum, f) => sum + f.occupancy.total, 0);
  const current = (l: Licence | undefined) =>
    l ? (
      <>
        {t('licence.numberOn', { number: l.licenceNumber, granted: formatDate(l.grantedOn), until: formatDate(l.validUntil) })}
        {l.renewals.length > 0 && <div className="muted">{t('licence.renewedTimes', { count: String(l.renewals.length) })}</div>}
        {l.revokedOn && <div>{t('licence.revokedOn', { date: formatDate(l.revokedOn), reason: l.revocationReason ?? '' })}</div>}
      </>
    ) : (
      t('licence.none')
    );
  return (
    <>
      <RegisterFacilityForm units={unrecorded} reload={reload} />
      {stranded > 0 && (
        <p className="notice notice--warning" role="status" data-testid="licence-stranded">
          {t('licence.residentsWithout', { count: String(stranded) })}
        </p>
      )}
      <WorklistSection
        title={t('licence.heading')}
        testId="worklist-licences"
        loading={loading}
        error={error}
        rows={data?.facilityLicenceRegister}
        rowKey={(r) => r.code}
        columns={[
          { header: t('licence.facility'), cell: (r) => r.name },
          { header: t('licence.capacity'), cell: (r) => r.capacity },
          { header: t('licence.residents'), cell: (r) => r.occupancy.total },
          { header: t('licence.state'), cell: (r) => label('facilityLicenceStatus', r.licenceState) },
          { header: t('licence.current'), cell: (r) => current(r.licences[0]) },
        ]}
        actions={(r) => {
          const latest = r.licences[0];
          return latest && ADMITTING.has(r.licenceState) ? (
            <LicenceSteps licence={latest} reload={reload} />
          ) : (
            <GrantForm facility={r} reload={reload} />
          );
        }}
      />
    </>
  );
}
