import { create } from 'zustand';

/**
 * The reply being written, shared so another panel can add to it: a script's suggested phrase goes in with one
 * click (issue 13). The composer owns it and empties it when a reply is sent or another customer is opened.
 */
interface ReplyDraft {
  text: string;
  set(text: string): void;
  /** appends a phrase on its own paragraph */
  insert(phrase: string): void;
}

export const useReplyDraft = create<ReplyDraft>((set) => ({
  text: '',
  set: (text) => set({ text }),
  insert: (phrase) => set((s) => ({ text: s.text.trim() === '' ? phrase : `${s.text.replace(/\s+$/, '')}\n\n${phrase}` })),
}));
