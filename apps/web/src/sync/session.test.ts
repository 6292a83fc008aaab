import {
  createMeasure,
  DomainError,
  listMeasures,
  ROOT,
  seedTromsvekstavtalen,
} from '@tavla/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { KARI, newerFormatUpdate, seededSession } from '../test/harness';
import { Disk, fillUp, openOn } from '../test/offlineCopyStandIn';
import * as retryCode from './offlineCopyRetry';
import {
  AgreementSession,
  acquireSession,
  closeAllSessions,
  releaseSession,
  unsentOf,
  waitingEditsOf,
} from './session';
import { recordWaiting, waitingCopiesOf } from './waitingIndex';

const offline = (doc: Y.Doc) =>
  new AgreementSession({
    agreementId: 'tromsvekstavtalen',
    user: KARI,
    connect: false,
    persist: false,
    doc,
  });

/** A seeded document at this build's version, as the server of this build holds it. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  seedTromsvekstavtalen(doc, { agreementId: 'tromsvekstavtalen', demoMeasures: true });
  return doc;
}

describe('AgreementSession.newerFormat ([F1])', () => {
  it('is false for a document of the format this build supports', () => {
    const session = seededSession();
    expect(session.newerFormat.get()).toBe(false);
  });

  it('turns true, and tells its subscribers, when a newer version arrives in the open document', () => {
    const session = seededSession();
    let calls = 0;
    session.newerFormat.subscribe(() => calls++);
    Y.applyUpdate(session.doc, newerFormatUpdate(session.doc), 'net');
    expect(session.newerFormat.get()).toBe(true);
    expect(calls).toBe(1);
    // Other changes leave it as it is, without waking the subscribers.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(session.doc));
    other.getMap(ROOT.meta).set('title', 'Ny tittel');
    Y.applyUpdate(session.doc, Y.encodeStateAsUpdate(other), 'net');
    expect(session.newerFormat.get()).toBe(true);
    expect(calls).toBe(1);
  });

  it('turns true when the newer document arrives whole with the first sync', () => {
    const newer = serverDoc();
    Y.applyUpdate(newer, newerFormatUpdate(newer));
    const session = offline(new Y.Doc());
    expect(session.newerFormat.get()).toBe(false);
    Y.applyUpdate(session.doc, Y.encodeStateAsUpdate(newer), 'net');
    expect(session.newerFormat.get()).toBe(true);
  });

  it('is true from the start when the document it opens is already newer', () => {
    const doc = serverDoc();
    Y.applyUpdate(doc, newerFormatUpdate(doc));
    expect(offline(doc).newerFormat.get()).toBe(true);
  });

  it('keeps the edits made before the newer version arrived, still waiting to be sent', () => {
    const session = seededSession();
    createMeasure(
      session.doc,
      { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Skrevet på toget' },
      session.origin,
    );
    expect(session.connection.get().unsynced).toBe(1);
    Y.applyUpdate(session.doc, newerFormatUpdate(session.doc), 'net');
    expect(session.newerFormat.get()).toBe(true);
    expect(listMeasures(session.doc).map((m) => m.title)).toContain('Skrevet på toget');
    expect(session.connection.get().unsynced).toBe(1);
    // What the session guards against: this build's operations refuse the newer document.
    expect(() =>
      createMeasure(
        session.doc,
        { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'For sent' },
        session.origin,
      ),
    ).toThrow(DomainError);
  });
});

describe('AgreementSession: an offline copy lost during the visit', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('indexedDB', {}); // jsdom has none; the stand-in is the copy
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const withCopy = (disk: Disk) =>
    new AgreementSession({
      agreementId: 'tromsvekstavtalen',
      user: KARI,
      connect: false,
      doc: serverDoc(),
      offlineCopy: {
        open: openOn(disk),
        probe: () => Promise.resolve(),
        loadRetry: () => Promise.resolve(retryCode),
      },
    });
  const add = (session: AgreementSession, title: string) =>
    createMeasure(
      session.doc,
      { focusAreaId: 'fa-1', columnId: 'col-idea', title },
      session.origin,
    );

  it('is kept again once it opens, says so, and counts the edits made meanwhile as waiting in it', async () => {
    const disk = new Disk();
    const session = withCopy(disk);
    await disk.copies[0]!.load();
    add(session, 'Før disken ble full');
    await vi.advanceTimersByTimeAsync(0);
    expect(disk.custom.get('tavla:unsent')).toBe(1);

    fillUp(disk.copies[0]!);
    expect(session.connection.get()).toMatchObject({
      noOfflineCopy: true,
      offlineCopyFailed: true,
    });
    add(session, 'Da disken ble full');
    await vi.advanceTimersByTimeAsync(0);
    expect(session.connection.get().unsynced).toBe(2);
    expect(disk.custom.get('tavla:unsent')).toBe(1); // not counted in a copy that takes nothing

    await vi.advanceTimersByTimeAsync(2_000);
    const again = disk.copies[1]!;
    // The copy opened again is of this document: y-indexeddb writes all of it, edits made
    // while the copy was lost too, into the copy as it opens.
    expect(again.doc).toBe(session.doc);
    await again.load();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.connection.get()).toMatchObject({
      noOfflineCopy: false,
      offlineCopyFailed: false,
      unsynced: 2,
    });
    expect(disk.custom.get('tavla:unsent')).toBe(2);
    expect(session.persistence).toBe(again);
    expect(disk.mostOpen).toBe(1);

    // Counted in the copy from then on.
    add(session, 'Etter at disken fikk plass');
    await vi.advanceTimersByTimeAsync(0);
    expect(disk.custom.get('tavla:unsent')).toBe(3);
    session.destroy();
    expect(disk.open).toBe(0);
  });

  it('writes the count of edits waiting in its copy to the index of copies, as it reads and changes it', async () => {
    localStorage.clear();
    const disk = new Disk();
    disk.custom.set('tavla:unsent', 2); // left by an earlier visit
    const session = withCopy(disk);
    await disk.copies[0]!.load();
    await vi.advanceTimersByTimeAsync(0);
    expect(waitingCopiesOf(KARI.id).get('tromsvekstavtalen')).toBe(2);
    add(session, 'Enda en på toget');
    await vi.advanceTimersByTimeAsync(0);
    expect(waitingCopiesOf(KARI.id).get('tromsvekstavtalen')).toBe(3);
    session.unsentCount?.clear(); // what a sync does
    await vi.advanceTimersByTimeAsync(0);
    expect(waitingCopiesOf(KARI.id).size).toBe(0);
    session.destroy();
    localStorage.clear();
  });

  it('reads a copy the browser refused at first once it opens, with the edits of an earlier visit waiting in it', async () => {
    const disk = new Disk();
    disk.refuse = true;
    disk.custom.set('tavla:unsent', 3);
    const session = withCopy(disk);
    await disk.copies[0]!.load();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.connection.get()).toMatchObject({ noOfflineCopy: true, copyRead: true });
    expect(session.connection.get().offlineCopyFailed).toBeFalsy();

    disk.refuse = false;
    await vi.advanceTimersByTimeAsync(2_000);
    await disk.copies[1]!.load();
    await vi.advanceTimersByTimeAsync(0);
    expect(session.connection.get()).toMatchObject({ noOfflineCopy: false, unsynced: 3 });
    session.destroy();
  });
});

describe('a session released with edits the server has not got', () => {
  afterEach(async () => {
    await closeAllSessions();
    vi.useRealTimers();
  });

  /** Kari's session of the agreement, opened as a board opens it but without a server. */
  function openedWithEdit(agreementId: string, { copy }: { copy: boolean }): AgreementSession {
    const doc = serverDoc();
    const session = acquireSession({
      agreementId,
      user: KARI,
      connect: false,
      persist: false,
      doc,
    });
    if (!copy) session.connection.update({ noOfflineCopy: true });
    createMeasure(
      session.doc,
      { focusAreaId: 'fa-1', columnId: 'col-idea', title: 'Skrevet før økta gikk ut' },
      session.origin,
    );
    return session;
  }

  it('stays in memory when no offline copy keeps them, and is the one opened again', () => {
    vi.useFakeTimers();
    const session = openedWithEdit('a1', { copy: false });
    releaseSession(session); // the board unmounts: the login form shows instead
    vi.advanceTimersByTime(10 * 60_000);
    const again = acquireSession({ agreementId: 'a1', user: KARI, connect: false, persist: false });
    expect(again).toBe(session);
    expect(listMeasures(again.doc).map((m) => m.title)).toContain('Skrevet før økta gikk ut');
  });

  it('is closed once the server has them after all, instead of staying open for ever', () => {
    vi.useFakeTimers();
    const session = openedWithEdit('a5', { copy: false });
    releaseSession(session); // e.g. the person went on to their account page, still offline
    vi.advanceTimersByTime(30_000);
    // Back online: the provider, still running, sends the edit and the server confirms it.
    session.connection.update({ status: 'connected', unsynced: 0 });
    vi.advanceTimersByTime(30_000);
    const again = acquireSession({ agreementId: 'a5', user: KARI, connect: false, persist: false });
    expect(again).not.toBe(session);
  });

  it('is closed after a while as before when the offline copy keeps them', () => {
    vi.useFakeTimers();
    const session = openedWithEdit('a2', { copy: true });
    releaseSession(session);
    vi.advanceTimersByTime(30_000);
    const again = acquireSession({ agreementId: 'a2', user: KARI, connect: false, persist: false });
    expect(again).not.toBe(session);
  });

  it('counts the edits waiting in copies of agreements not open too, each agreement once', () => {
    localStorage.clear();
    recordWaiting(KARI.id, 'closed', 2); // left offline in a tab closed since
    recordWaiting(KARI.id, 'a3', 1); // the copy of a session open now: the same edit
    recordWaiting('u-someone-else', 'theirs', 5);
    openedWithEdit('a3', { copy: true });
    expect(unsentOf(KARI.id)).toEqual({ count: 3, kept: true });
    expect(waitingEditsOf(KARI.id).get('closed')).toMatchObject({ count: 2, kept: true });
    expect(unsentOf('u-someone-else')).toEqual({ count: 5, kept: true });
    localStorage.clear();
  });

  it('counts nothing for a session that has read its copy and synced, whatever the index still says', () => {
    localStorage.clear();
    const session = openedWithEdit('a7', { copy: true });
    recordWaiting(KARI.id, 'a7', 4); // a copy lost before its count could be cleared
    expect(waitingEditsOf(KARI.id).get('a7')?.count).toBe(4);
    session.connection.update({ status: 'connected', unsynced: 0 });
    expect(waitingEditsOf(KARI.id).has('a7')).toBe(false);
    localStorage.clear();
  });

  it('says the edits wait for the connection while the session cannot reach the server', () => {
    const session = openedWithEdit('a8', { copy: true });
    expect(waitingEditsOf(KARI.id).get('a8')?.offline).toBe(true); // never connects here
    session.connection.update({ status: 'connecting' });
    expect(waitingEditsOf(KARI.id).get('a8')?.offline).toBe(false);
  });

  it('counts the unsent edits of a person over their sessions, and whether all are kept', () => {
    expect(unsentOf(KARI.id)).toEqual({ count: 0, kept: true });
    openedWithEdit('a3', { copy: true });
    expect(unsentOf(KARI.id)).toEqual({ count: 1, kept: true });
    openedWithEdit('a4', { copy: false });
    expect(unsentOf(KARI.id)).toEqual({ count: 2, kept: false });
    expect(unsentOf('u-someone-else')).toEqual({ count: 0, kept: true });
  });
});
