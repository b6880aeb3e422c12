export { enqueueNotice, type Notice, type NoticeHandler } from './notice';
export { InboxNoticeEntity, OutboxNoticeEntity } from './entities';
export { CreateOutbox1763800000002 } from './migration';
export { AddOutboxLease1796226400000 } from './lease-migration';
export { DEFAULT_OUTBOX_STUCK_AFTER_SECONDS, outboxStuckAfterSeconds, warnStuckOutbox, type StuckOutbox } from './stuck';
export { SERVICE_HEADER, noticeAudience, signServiceToken, verifyServiceToken, type ServiceClaims } from './service-token';
export { noticesUrl, subgraphUrlsFromEnv } from './subgraph-urls';
export { NOTICE_REJECTION_CODES, noticeReceiver, noticeRejected, type NoticeReceiverOptions } from './receiver';
export { OutboxDispatcher, backoffMs, type OutboxDispatcherConfig, type OutboxOptions } from './dispatcher';
export { outboxEntries, type OutboxEntry } from './worklist';
export {
  outboxAdminResolvers,
  outboxNoticePage,
  publicOutboxError,
  retryFailedOutboxNotices,
  retryOutboxNotice,
  type OutboxNoticePage,
  type OutboxNoticeState,
  type OutboxNoticeView,
} from './admin';
