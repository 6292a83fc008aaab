// What jsdom lacks and the app's libraries call when they are imported: the first setup file,
// so that it runs before setup.ts imports any of them.

// jsdom lacks CSS.escape/supports, which Designsystemet's popover polyfill calls at import.
const g = globalThis as unknown as {
  CSS?: { escape?: (s: string) => string; supports?: () => boolean };
};
g.CSS ??= {};
g.CSS.escape ??= (s: string) => s.replace(/([^\w-])/g, '\\$1');
g.CSS.supports ??= () => false;

// Designsystemet synchronises spinner animations through document.getAnimations.
const d = document as { getAnimations?: () => Animation[] };
d.getAnimations ??= () => [];

// jsdom has <dialog> but not its modal API; Designsystemet's Dialog calls it.
if (typeof HTMLDialogElement !== 'undefined') {
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.show ??= function show(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
