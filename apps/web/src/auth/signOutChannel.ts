/**
 * A person signing out themselves, told to the other tabs of this browser. The server ends the
 * session of every tab (they share the cookie), and without this those tabs took it for a
 * session that ended under them: "expired, or ended from another device", with the person's
 * e-mail address filled in for whoever sits down at the computer next.
 */
const CHANNEL = 'tavla:auth';
const SIGNED_OUT = 'signed-out';

export function announceSignOut(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(SIGNED_OUT);
  channel.close();
}

/** Calls `signedOut` when another tab of this browser says its person signed out. */
export function onSignOutElsewhere(signedOut: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent) => {
    if (e.data === SIGNED_OUT) signedOut();
  };
  return () => channel.close();
}
