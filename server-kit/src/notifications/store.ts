import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Caller, Role } from '@rehab/shared-schema';
import { ownedRoots } from '../access/scope';
import { domainError } from '../errors';
import { badCursor, cursorParts, makeCursor } from '../keyset';
import { pageSize } from '../paging';
import { checkUuid } from '../record-errors';

/** What happened, to whom, for which unit and roles there. */
export interface UnitNotification {
  /** The notice's topic, or this agency's own event (e.g. residence.transfer-received). */
  topic: string;
  /** The agency whose notice it was. */
  source: string;
  /** The received notice's id (none for this agency's own event). */
  noticeId?: string | null;
  /** The unit it is addressed to: the person's commune, a facility… */
  unitPath: string;
  /** The roles there that act on it. */
  audience: readonly Role[];
  personId: string | null;
  occurredOn: string | null;
}

/** Records a notification in the transaction of the change it reports. */
export async function notifyUnit(manager: EntityManager, n: UnitNotification): Promise<void> {
  await manager.query(
    `INSERT INTO officer_notification (id, notice_id, topic, source, unit_path, audience, person_id, occurred_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [randomUUID(), n.noticeId ?? null, n.topic, n.source, n.unitPath, [...n.audience], n.personId, n.occurredOn],
  );
}

/** A notification as the inbox shows it. */
export interface OfficerNotificationView {
  id: string;
  topic: string;
  sender: string;
  personId: string | null;
  person: { __typename: 'Person'; id: string } | null;
  occurredOn: string | null;
  receivedAt: Date;
  read: boolean;
}

interface Row {
  id: string;
  seq: string;
  topic: string;
  source: string;
  person_id: string | null;
  occurred_on: string | null;
  created_at: Date;
  read: boolean;
}

type NotificationCaller = Pick<Caller, 'userId' | 'role' | 'unitPath'>;

/**
 * The caller's notifications: addressed to their role at their own unit, or at a predecessor
 * merged into it whole, or at a split predecessor for a person the province assigned to it.
 * Not the units below theirs (a province's officers do not get every commune's inbox) and no
 * break-the-glass widening.
 */
function addressedTo(db: DataSource | EntityManager, caller: NotificationCaller): SelectQueryBuilder<Row & object> {
  const roots = [...ownedRoots(caller.unitPath)];
  return db
    .createQueryBuilder()
    .from('officer_notification', 'n')
    .leftJoin('officer_notification_read', 'r', 'r.notification_id = n.id AND r.user_id = :user', { user: caller.userId })
    .where(':role = ANY(n.audience)', { role: caller.role })
    .andWhere(
      `(n.unit_path = ANY(:roots) OR (n.person_id, n.unit_path) IN
        (SELECT a.person_id, a.from_unit_path FROM person_unit_assignment a WHERE a.to_unit_path = ANY(:roots)))`,
      { roots },
    ) as SelectQueryBuilder<Row & object>;
}

export interface OfficerNotificationPage {
  nodes: OfficerNotificationView[];
  totalCount: number;
  unreadCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

function view(r: Row): OfficerNotificationView {
  return {
    id: r.id,
    topic: r.topic,
    sender: r.source,
    personId: r.person_id,
    person: r.person_id ? { __typename: 'Person', id: r.person_id } : null,
    occurredOn: r.occurred_on,
    receivedAt: r.created_at,
    read: r.read,
  };
}

const count = async (query: SelectQueryBuilder<Row & object>): Promise<number> =>
  (await query.select('count(*)::int', 'n').getRawOne<{ n: number }>())?.n ?? 0;

/** One page of the caller's notifications, newest first. */
export async function notificationPage(
  db: DataSource | EntityManager,
  caller: NotificationCaller,
  args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null },
): Promise<OfficerNotificationPage> {
  const size = pageSize(args.first);
  const [afterSeq] = args.after ? cursorParts(args.after, 1) : [];
  if (afterSeq !== undefined && !/^\d{1,19}$/.test(afterSeq)) throw badCursor();
  const matching = () => {
    const q = addressedTo(db, caller);
    return args.unreadOnly ? q.andWhere('r.read_at IS NULL') : q;
  };
  const page = matching()
    .select(['n.id AS id', 'n.seq::text AS seq', 'n.topic AS topic', 'n.source AS source', 'n.person_id AS person_id'])
    .addSelect(['n.occurred_on::text AS occurred_on', 'n.created_at AS created_at', 'r.read_at IS NOT NULL AS read'])
    .orderBy('n.seq', 'DESC')
    .limit(size + 1);
  if (afterSeq !== undefined) page.andWhere('n.seq < :afterSeq', { afterSeq });
  const unread = () => count(addressedTo(db, caller).andWhere('r.read_at IS NULL'));
  // Unread only (the navigation's poll): the total is the unread count, asked once.
  const [rows, totalCount, unreadCount] = await Promise.all([
    page.getRawMany<Row>(),
    args.unreadOnly ? null : count(matching()),
    unread(),
  ]);
  const nodes = rows.slice(0, size);
  const last = nodes.at(-1);
  return {
    nodes: nodes.map(view),
    totalCount: totalCount ?? unreadCount,
    unreadCount,
    pageInfo: { endCursor: last ? makeCursor([last.seq]) : null, hasNextPage: rows.length > size },
  };
}

/** Most notifications marked read in one call. */
export const MARK_READ_LIMIT = 200;

/**
 * Marks notifications read for the caller. Every id must name one of their notifications:
 * otherwise NOT_FOUND and nothing is marked. The number newly marked (already read: not counted).
 */
export async function markNotificationsRead(
  manager: EntityManager,
  caller: NotificationCaller,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0 || ids.length > MARK_READ_LIMIT) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Cần từ 1 đến ${MARK_READ_LIMIT} mã thông báo`,
        en: `Give between 1 and ${MARK_READ_LIMIT} notification ids`,
      },
      { field: 'ids' },
    );
  }
  const wanted = [...new Set(ids.map((id) => checkUuid(id, 'ids')))];
  const found = await addressedTo(manager, caller)
    .select('n.id', 'id')
    .andWhere('n.id = ANY(:wanted)', { wanted })
    .getRawMany<{ id: string }>();
  const missing = wanted.find((id) => !found.some((f) => f.id === id));
  if (missing) {
    throw domainError(
      'NOT_FOUND',
      { vi: `Không có thông báo ${missing} gửi cho bạn`, en: `No notification ${missing} addressed to you` },
      { field: 'ids' },
    );
  }
  // An INSERT answers with its returned rows.
  const inserted = await manager.query<unknown[]>(
    `INSERT INTO officer_notification_read (notification_id, user_id) SELECT unnest($1::uuid[]), $2
     ON CONFLICT DO NOTHING RETURNING notification_id`,
    [wanted, caller.userId],
  );
  return inserted.length;
}
