import type { AbsconderSearchEntity } from '../entities/AbsconderSearch';
import type { DrugUserManagementEntity } from '../entities/DrugUserManagement';
import type { RehabCompletionNoticeEntity } from '../entities/RehabCompletionNotice';
import type { TransferNoticeEntity } from '../entities/TransferNotice';
import type { ConnectionParent } from '@rehab/server-kit';
import type { PotentialDuplicateParent } from './PotentialDuplicate';

export {
  connectionResolvers,
  cursorParts,
  keysetPage,
  makeCursor,
  type ConnectionParent,
  type KeysetOptions,
} from '@rehab/server-kit';

export type TransferNoticeConnectionParent = ConnectionParent<TransferNoticeEntity>;
export type AbsconderSearchConnectionParent = ConnectionParent<AbsconderSearchEntity>;
export type RehabCompletionNoticeConnectionParent = ConnectionParent<RehabCompletionNoticeEntity>;
export type DrugUserManagementConnectionParent = ConnectionParent<DrugUserManagementEntity>;
export type PotentialDuplicateConnectionParent = ConnectionParent<PotentialDuplicateParent>;
