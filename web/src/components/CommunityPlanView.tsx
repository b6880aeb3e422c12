import type { ReactNode } from 'react';
import type { PlanRecord } from '../forms/CommunityRehabActions';
import { useI18n } from '../i18n';
import { Field } from './Panel';

/** Kế hoạch cai nghiện cá nhân of a rehab at home/community, as the labour panel shows it. */
export function CommunityPlanView({ plan, revision }: { plan: PlanRecord | null; revision: number | null }): ReactNode {
  const { t, label, formatDate } = useI18n();
  if (!plan) {
    return (
      <Field label={t('community.planHeading')}>
        <span className="badge badge--on_leave">{t('community.noPlan')}</span>
      </Field>
    );
  }
  const contact = (name: string, ...details: (string | null)[]) => [name, ...details.filter(Boolean)].join(', ');
  return (
    <>
      <Field label={t('community.planHeading')} wide>
        {t('community.planRevision', { revision: String(revision ?? 1), date: formatDate(plan.preparedOn) })}
        {plan.goals ? ` — ${plan.goals}` : ''}
      </Field>
      {plan.caregiver && (
        <Field label={t('community.caregiver')}>
          {contact(plan.caregiver.fullName, label('caregiverRelationship', plan.caregiver.relationship), plan.caregiver.phone)}
        </Field>
      )}
      <Field label={t('community.supporters')} wide>
        <ul className="plain-list" data-testid="community-supporters">
          {plan.supporters.map((s) => (
            <li key={s.fullName}>{contact(s.fullName, label('supporterRole', s.role), s.organisation, s.phone)}</li>
          ))}
        </ul>
      </Field>
      <Field label={t('community.phases')} wide>
        <ol className="plain-list" data-testid="community-phases">
          {plan.phases.map((p) => (
            <li key={p.phase}>
              {formatDate(p.startsOn)}: {label('rehabPhase', p.phase)} — {p.activities}
            </li>
          ))}
        </ol>
      </Field>
    </>
  );
}
