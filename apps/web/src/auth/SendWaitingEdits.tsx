import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { keys, useMe } from '../api/queries';
import { useSendWaitingEdits } from '../sync/react';

/**
 * On every page, for whoever is signed in: sends the edits that wait in this browser's offline
 * copies of their agreements, without those agreements being opened (sync/sendWaiting.ts). Once
 * when the app starts, and again each time they sign in. Mounted once, beside the routes: the
 * `RequireAuth` of each route mounts anew with every page, and must not start it again.
 */
export function SendWaitingEdits(): null {
  const me = useMe().data ?? null;
  const qc = useQueryClient();
  // The server says the session is gone: ask who we are, which shows the login form (as an open
  // board does, AgreementScope) that counts these edits and sends them after the login.
  const signedOut = useCallback(() => void qc.invalidateQueries({ queryKey: keys.me }), [qc]);
  useSendWaitingEdits(me, signedOut);
  return null;
}
