import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../../acting';
import { ActionForm } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { unitOptions, useCommunes } from '../../forms/communes';
import { chosen, useEnumOptions } from '../../forms/options';
import { dateField, StepMenu, type Step } from '../../forms/StepMenu';
import { optional, today, useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { WorklistSection } from './WorklistSection';
import type {
  ProviderCondition,
  ProviderRegisterQuery,
  ProviderRegisterQueryVariables,
  PublishServiceProviderMutation,
  PublishServiceProviderMutationVariables,
  RegisterServiceProviderMutation,
  RegisterServiceProviderMutationVariables,
  WithdrawServiceProviderMutation,
  WithdrawServiceProviderMutationVariables,
} from '../../__generated__/operations';

const REGISTER_LIST: TypedDocumentNode<ProviderRegisterQuery, ProviderRegisterQueryVariables> = gql`
  query ProviderRegister($provinceCode: ID!) {
    providerRegister(provinceCode: $provinceCode) {
      id
      name
      registrationNumber
      registeredOn
      conditionsMet
      publishedOn
      withdrawnOn
      version
      unit {
        code
        name
      }
    }
  }
`;

const REGISTER: TypedDocumentNode<RegisterServiceProviderMutation, RegisterServiceProviderMutationVariables> = gql`
  mutation RegisterServiceProvider($input: RegisterServiceProviderInput!) {
    registerServiceProvider(input: $input) {
      id
      version
    }
  }
`;

const PUBLISH: TypedDocumentNode<PublishServiceProviderMutation, PublishServiceProviderMutationVariables> = gql`
  mutation PublishServiceProvider($id: ID!, $expectedVersion: Int!, $publishedOn: Date!) {
    publishServiceProvider(id: $id, expectedVersion: $expectedVersion, publishedOn: $publishedOn) {
      id
      publishedOn
      version
    }
  }
`;

const WITHDRAW: TypedDocumentNode<WithdrawServiceProviderMutation, WithdrawServiceProviderMutationVariables> = gql`
  mutation WithdrawServiceProvider($id: ID!, $expectedVersion: Int!, $withdrawnOn: Date!, $reason: String!) {
    withdrawServiceProvider(id: $id, expectedVersion: $expectedVersion, withdrawnOn: $withdrawnOn, reason: $reason) {
      id
      withdrawnOn
      version
    }
  }
`;

const CONDITIONS: readonly ProviderCondition[] = ['PREMISES', 'MEDICAL_STAFF', 'COUNSELLING_STAFF', 'OPERATING_RULES'];
type Provider = ProviderRegisterQuery['providerRegister'][number];

function useSteps(p: Provider): Step[] {
  const { t } = useI18n();
  if (p.withdrawnOn) return [];
  const steps: Step[] = [];
  if (!p.publishedOn) {
    steps.push({
      key: 'provider-publish',
      label: t('provider.publish'),
      mutation: PUBLISH,
      fields: [dateField('publishedOn', t('provider.publishedOn'))],
      variables: (v) => ({ publishedOn: v.publishedOn ?? '' }),
    });
  }
  steps.push({
    key: 'provider-withdraw',
    label: t('provider.withdraw'),
    mutation: WITHDRAW,
    fields: [
      dateField('withdrawnOn', t('provider.withdrawnOn')),
      { name: 'reason', label: t('provider.reason'), kind: 'textarea', required: true },
    ],
    variables: (v) => ({ withdrawnOn: v.withdrawnOn ?? '', reason: v.reason ?? '' }),
  });
  return steps;
}

function ProviderSteps({ provider, reload }: { provider: Provider; reload: () => Promise<unknown> }): ReactNode {
  const { t } = useI18n();
  const steps = useSteps(provider);
  return <StepMenu label={t('provider.heading')} steps={steps} record={{ ...provider, status: null }} reload={reload} />;
}

function RegisterForm({ provinceCode, reload }: { provinceCode: string; reload: () => Promise<unknown> }): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  const communes = useCommunes(provinceCode);
  return (
    <ActionMenu
      label={t('provider.register')}
      actions={[
        {
          key: 'provider-register',
          label: t('provider.register'),
          render: (close) => (
            <ActionForm
              testId="form-provider-register"
              title={t('provider.register')}
              submitLabel={t('form.save')}
              fields={[
                { name: 'name', label: t('provider.name'), kind: 'text', required: true, wide: true },
                {
                  name: 'unitCode',
                  label: t('provider.unit'),
                  kind: 'select',
                  hint: t('provider.unitHint'),
                  options: [{ value: provinceCode, label: t('provider.wholeProvince') }, ...unitOptions(communes)],
                },
                { name: 'registrationNumber', label: t('provider.number'), kind: 'text', required: true },
                { name: 'registeredOn', label: t('provider.registeredOn'), kind: 'date', required: true, initial: today() },
                { name: 'address', label: t('provider.address'), kind: 'text' },
                {
                  name: 'conditionsMet',
                  label: t('provider.conditions'),
                  kind: 'checkboxes',
                  hint: t('provider.conditionsHint'),
                  options: options('providerCondition', CONDITIONS),
                },
              ]}
              onSubmit={(v) =>
                submit(REGISTER, {
                  input: {
                    name: v.name ?? '',
                    unitCode: v.unitCode ?? provinceCode,
                    registrationNumber: v.registrationNumber ?? '',
                    registeredOn: v.registeredOn ?? '',
                    address: optional(v.address),
                    conditionsMet: (v.conditionsMet ?? '')
                      .split(',')
                      .filter(Boolean)
                      .map((c) => chosen<ProviderCondition>(c)),
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

/** Sổ đơn vị cung cấp dịch vụ cai nghiện tại cộng đồng: the provincial police register, publish and withdraw providers. */
export function ProviderRegister(): ReactNode {
  const { t, label, formatDate } = useI18n();
  const acting = useActing();
  const provinceCode = acting.provinceCode;
  const allowed = acting.mayAct('COMMUNITY_REHAB_PROVIDERS');
  const { data, loading, error, refetch } = useQuery(REGISTER_LIST, {
    variables: { provinceCode: provinceCode ?? '' },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !allowed || provinceCode === null,
  });
  if (!allowed || provinceCode === null) return null;
  const state = (p: Provider) =>
    p.withdrawnOn
      ? t('provider.withdrawnState', { date: formatDate(p.withdrawnOn) })
      : p.publishedOn
        ? t('provider.publishedState', { date: formatDate(p.publishedOn) })
        : t('provider.notPublished');
  return (
    <>
      <RegisterForm provinceCode={provinceCode} reload={() => refetch()} />
      <WorklistSection
        title={t('provider.heading')}
        testId="worklist-providers"
        loading={loading}
        error={error}
        rows={data?.providerRegister}
        rowKey={(r) => r.id}
        columns={[
          { header: t('provider.name'), cell: (r) => r.name },
          { header: t('provider.number'), cell: (r) => r.registrationNumber },
          { header: t('provider.unit'), cell: (r) => r.unit.name },
          { header: t('provider.registeredOn'), cell: (r) => formatDate(r.registeredOn) },
          {
            header: t('provider.conditions'),
            cell: (r) => r.conditionsMet.map((c) => label('providerCondition', c)).join('; ') || '—',
          },
          { header: t('provider.state'), cell: state },
        ]}
        actions={(r) => <ProviderSteps provider={r} reload={() => refetch()} />}
      />
    </>
  );
}
