import { create } from 'zustand';
import type { AgreementSession } from '../sync/session';

/** App-wide UI state that is not in the URL: the agreement session the header reports on. */
interface UiState {
  activeSession: AgreementSession | null;
  setActiveSession: (s: AgreementSession | null) => void;
}

export const useUi = create<UiState>((set) => ({
  activeSession: null,
  setActiveSession: (activeSession) => set({ activeSession }),
}));
