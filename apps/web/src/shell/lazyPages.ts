import { lazy } from 'react';

/**
 * Pages away from the daily board load on first visit, so the board page stays within its
 * JavaScript budget (issue 3: < 250 kB gzip). Import pages from here in App.tsx; the Suspense
 * boundary is in Layout.
 */
export const AccessibilityPage = lazy(() =>
  import('../a11y/AccessibilityPage').then((m) => ({ default: m.AccessibilityPage })),
);
export const AccountPage = lazy(() =>
  import('../account/AccountPage').then((m) => ({ default: m.AccountPage })),
);
export const ActivityPage = lazy(() =>
  import('../activity/ActivityPage').then((m) => ({ default: m.ActivityPage })),
);
export const InstanceAdminPage = lazy(() =>
  import('../admin/InstanceAdminPage').then((m) => ({ default: m.InstanceAdminPage })),
);
export const MembersPage = lazy(() =>
  import('../admin/MembersPage').then((m) => ({ default: m.MembersPage })),
);
export const InvitationPage = lazy(() =>
  import('../invitations/InvitationPage').then((m) => ({ default: m.InvitationPage })),
);
