export { CreateOfficerNotification1796400000000 } from './migration';
export { notifyUnit, notificationPage, markNotificationsRead, MARK_READ_LIMIT } from './store';
export type { UnitNotification, OfficerNotificationView, OfficerNotificationPage } from './store';
export { notificationResolvers, notificationTypeResolvers } from './resolvers';
