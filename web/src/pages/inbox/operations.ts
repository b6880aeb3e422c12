import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  HealthInboxQuery,
  HealthInboxQueryVariables,
  LabourInboxQuery,
  LabourInboxQueryVariables,
  MarkHealthReadMutation,
  MarkHealthReadMutationVariables,
  MarkLabourReadMutation,
  MarkLabourReadMutationVariables,
  MarkPoliceReadMutation,
  MarkPoliceReadMutationVariables,
  MarkVolunteersReadMutation,
  MarkVolunteersReadMutationVariables,
  NotificationCountsQuery,
  NotificationCountsQueryVariables,
  PoliceInboxQuery,
  PoliceInboxQueryVariables,
  VolunteersInboxQuery,
  VolunteersInboxQueryVariables,
} from '../../__generated__/operations';

/** Each agency keeps its own inbox: asked for one by one, so one slow agency holds up only its own. */
export const INBOX_ITEM = gql`
  fragment InboxItem on OfficerNotification {
    id
    topic
    sender
    occurredOn
    receivedAt
    read
    person {
      id
      fullName
    }
  }
`;

export const POLICE_INBOX: TypedDocumentNode<PoliceInboxQuery, PoliceInboxQueryVariables> = gql`
  query PoliceInbox($unreadOnly: Boolean) {
    inbox: policeNotifications(unreadOnly: $unreadOnly, first: 200) {
      nodes {
        ...InboxItem
      }
      totalCount
      unreadCount
    }
  }
  ${INBOX_ITEM}
`;

export const LABOUR_INBOX: TypedDocumentNode<LabourInboxQuery, LabourInboxQueryVariables> = gql`
  query LabourInbox($unreadOnly: Boolean) {
    inbox: laborWelfareNotifications(unreadOnly: $unreadOnly, first: 200) {
      nodes {
        ...InboxItem
      }
      totalCount
      unreadCount
    }
  }
  ${INBOX_ITEM}
`;

export const HEALTH_INBOX: TypedDocumentNode<HealthInboxQuery, HealthInboxQueryVariables> = gql`
  query HealthInbox($unreadOnly: Boolean) {
    inbox: healthNotifications(unreadOnly: $unreadOnly, first: 200) {
      nodes {
        ...InboxItem
      }
      totalCount
      unreadCount
    }
  }
  ${INBOX_ITEM}
`;

export const VOLUNTEERS_INBOX: TypedDocumentNode<VolunteersInboxQuery, VolunteersInboxQueryVariables> = gql`
  query VolunteersInbox($unreadOnly: Boolean) {
    inbox: volunteersNotifications(unreadOnly: $unreadOnly, first: 200) {
      nodes {
        ...InboxItem
      }
      totalCount
      unreadCount
    }
  }
  ${INBOX_ITEM}
`;

export const MARK_POLICE: TypedDocumentNode<MarkPoliceReadMutation, MarkPoliceReadMutationVariables> = gql`
  mutation MarkPoliceRead($ids: [ID!]!) {
    marked: policeMarkNotificationsRead(ids: $ids)
  }
`;
export const MARK_LABOUR: TypedDocumentNode<MarkLabourReadMutation, MarkLabourReadMutationVariables> = gql`
  mutation MarkLabourRead($ids: [ID!]!) {
    marked: laborWelfareMarkNotificationsRead(ids: $ids)
  }
`;
export const MARK_HEALTH: TypedDocumentNode<MarkHealthReadMutation, MarkHealthReadMutationVariables> = gql`
  mutation MarkHealthRead($ids: [ID!]!) {
    marked: healthMarkNotificationsRead(ids: $ids)
  }
`;
export const MARK_VOLUNTEERS: TypedDocumentNode<MarkVolunteersReadMutation, MarkVolunteersReadMutationVariables> = gql`
  mutation MarkVolunteersRead($ids: [ID!]!) {
    marked: volunteersMarkNotificationsRead(ids: $ids)
  }
`;

/** The unread counts for the navigation, all agencies in one request (a missing agency counts nothing). */
export const NOTIFICATION_COUNTS: TypedDocumentNode<NotificationCountsQuery, NotificationCountsQueryVariables> = gql`
  query NotificationCounts {
    police: policeNotifications(unreadOnly: true, first: 1) {
      unreadCount
    }
    labour: laborWelfareNotifications(unreadOnly: true, first: 1) {
      unreadCount
    }
    health: healthNotifications(unreadOnly: true, first: 1) {
      unreadCount
    }
    volunteers: volunteersNotifications(unreadOnly: true, first: 1) {
      unreadCount
    }
  }
`;
