import { create } from 'zustand';
import type { AgreementSession } from '../sync/session';

/**
 * App-wide UI state that is not in the URL: the agreement session the header reports on, and
 * whether the person signed out themselves (the login form then says so, instead of saying that
 * the session ended).
 */
interface UiState {
  activeSession: AgreementSession | null;
  setActiveSession: (s: AgreementSession | null) => void;
  signedOutByUser: boolean;
  setSignedOutByUser: (v: boolean) => void;
}

export const useUi = create<UiState>((set) => ({
  activeSession: null,
  setActiveSession: (activeSession) => set({ activeSession }),
  signedOutByUser: false,
  setSignedOutByUser: (signedOutByUser) => set({ signedOutByUser }),
}));
