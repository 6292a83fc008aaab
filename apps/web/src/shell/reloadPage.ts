/**
 * Reloads the page, which fetches the newest build of the app (the service worker answers
 * pages from the network first). A module of its own so that component tests can replace it:
 * jsdom cannot navigate.
 */
export function reloadPage(): void {
  window.location.reload();
}
