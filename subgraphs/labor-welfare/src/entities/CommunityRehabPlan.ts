import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RehabPhase } from '../rules/episode';

export type CaregiverRelationship = 'PARENT' | 'SPOUSE' | 'CHILD' | 'SIBLING' | 'GRANDPARENT' | 'OTHER_RELATIVE' | 'GUARDIAN';
export type SupporterRole =
  'COMMUNE_POLICE' | 'HEALTH_WORKER' | 'MASS_ORGANISATION' | 'VILLAGE_HEAD' | 'PROVIDER_STAFF' | 'OTHER';

/** A named person assigned to help during rehab at home/community. */
export interface PlanSupporter {
  fullName: string;
  role: SupporterRole;
  organisation: string | null;
  phone: string | null;
}

/** One phase of the plan: when it is to start and what is done in it. */
export interface PlannedPhase {
  phase: RehabPhase;
  startsOn: string;
  activities: string;
}

/** The individual rehab plan of a rehab at home/community (kế hoạch cai nghiện cá nhân). */
@Entity({ name: 'community_rehab_plan' })
export class CommunityRehabPlanEntity {
  @PrimaryColumn({ name: 'episode_id', type: 'uuid' })
  episodeId: string;

  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'prepared_on', type: 'date' })
  preparedOn: string;

  @Column({ type: 'text', nullable: true })
  goals: string | null;

  @Column({ name: 'caregiver_name', type: 'varchar', length: 200, nullable: true })
  caregiverName: string | null;

  @Column({ name: 'caregiver_relationship', type: 'varchar', length: 24, nullable: true })
  caregiverRelationship: CaregiverRelationship | null;

  @Column({ name: 'caregiver_phone', type: 'varchar', length: 20, nullable: true })
  caregiverPhone: string | null;

  @Column({ type: 'jsonb' })
  supporters: PlanSupporter[];

  @Column({ type: 'jsonb' })
  phases: PlannedPhase[];

  @Column({ name: 'prepared_by', type: 'varchar', length: 100 })
  preparedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
