import type { Attachment } from '../../../shared/kernel/event';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  CustomerView,
  OmnideskBridge,
  TimelineItem,
  TimelinePage,
} from '../../../shared/contracts/bridge';
import type { ErrorCode } from '../../../shared/kernel/errors';
import type { CaseStatus, Priority } from '../../../shared/kernel/case';
import type { ArticleUse } from '../../../shared/features/knowledge';
import type { EventChannel } from '../../../shared/kernel/primitives';
import {
  ALL_CHANNELS,
  canReplyOn,
  combineRefetch,
  mergeItems,
  pickDefaultCase,
  pickDefaultThread,
  refetchLimit,
  toggleChannel,
  type ChannelFilter,
} from './timeline-model';
import { errorCodeOf } from '../../kernel/state/errors';

/** Items per timeline page (the newest page first, then "load older"). */
export const TIMELINE_PAGE = 100;

export interface CustomerState {
  customerId: string | null;
  view: CustomerView | null;
  /** chronological, oldest first */
  items: TimelineItem[];
  nextBefore: TimelinePage['nextBefore'];
  status: 'idle' | 'loading' | 'ready' | 'error';
  errorCode: ErrorCode | null;
  loadingOlder: boolean;
  channelFilter: ChannelFilter;
  groupByCase: boolean;
  selectedCaseId: string | null;
  selectedThreadId: string | null;

  /** Show a customer (and a case of theirs, e.g. the queue row that was clicked). */
  open(customerId: string, caseId?: string | null): Promise<void>;
  /** Refetch the customer and everything loaded of the timeline (after data.changed or an own change). */
  refresh(): Promise<void>;
  loadOlder(): Promise<void>;
  toggleChannel(channel: EventChannel): void;
  setGroupByCase(on: boolean): void;
  selectCase(caseId: string): void;
  selectThread(threadId: string): void;
  sendReply(body: string, articles?: ArticleUse[], email?: { cc: string[]; attachments: Attachment[] }): Promise<void>;
  addNote(body: string): Promise<void>;
  setStatus(caseId: string, status: CaseStatus): Promise<void>;
  /** tags on and off (issue 15): only real changes; the core refuses one that changes nothing */
  setTags(caseId: string, add: readonly string[], remove: readonly string[]): Promise<void>;
  assign(caseId: string, assigneeId: string | null): Promise<void>;
  setPriority(caseId: string, priority: Priority): Promise<void>;
  close(): void;
}

export type CustomerStore = StoreApi<CustomerState>;

const idle = {
  customerId: null,
  view: null,
  items: [],
  nextBefore: null,
  status: 'idle',
  errorCode: null,
  loadingOlder: false,
  selectedCaseId: null,
  selectedThreadId: null,
} satisfies Partial<CustomerState>;

export function createCustomerStore(bridge: OmnideskBridge): CustomerStore {
  // every fetch carries the generation it started in; answers from an older one are dropped
  let generation = 0;

  return createStore<CustomerState>()((set, get) => {
    async function fetchAll(customerId: string, wantedCase: string | null): Promise<void> {
      const mine = ++generation;
      // as many of the newest items as are loaded (and some): older pages stay via combineRefetch
      const limit = refetchLimit(get().items.length, TIMELINE_PAGE);
      try {
        const [view, page] = await Promise.all([
          bridge.call('customer.get', { customerId }),
          bridge.call('timeline.get', { customerId, limit }),
        ]);
        if (mine !== generation || get().customerId !== customerId) return;
        const s = get();
        const caseIds = new Set(view.cases.map((c) => c.id));
        const selectedCaseId =
          wantedCase && caseIds.has(wantedCase)
            ? wantedCase
            : s.selectedCaseId && caseIds.has(s.selectedCaseId)
              ? s.selectedCaseId
              : pickDefaultCase(view.cases, null);
        const keepThread =
          wantedCase === null && s.selectedThreadId !== null && view.threads.some((t) => t.id === s.selectedThreadId);
        const combined = combineRefetch(s.items, s.nextBefore, page);
        set({
          view,
          items: combined.items,
          nextBefore: combined.nextBefore,
          status: 'ready',
          errorCode: null,
          selectedCaseId,
          selectedThreadId: keepThread ? s.selectedThreadId : pickDefaultThread(view.threads, page.items, selectedCaseId),
        });
      } catch (err) {
        if (mine !== generation || get().customerId !== customerId) return;
        // a failed refresh keeps what is shown; only a first load turns into an error page
        if (get().status === 'ready') return;
        set({ status: 'error', errorCode: errorCodeOf(err) });
      }
    }

    function selectedThread() {
      const { view, selectedThreadId } = get();
      return view?.threads.find((t) => t.id === selectedThreadId) ?? null;
    }

    return {
      ...idle,
      channelFilter: ALL_CHANNELS,
      groupByCase: false,

      async open(customerId, caseId = null) {
        const s = get();
        if (s.customerId === customerId && s.status !== 'error') {
          if (caseId && caseId !== s.selectedCaseId && s.view) get().selectCase(caseId);
          await fetchAll(customerId, null);
          return;
        }
        generation++;
        set({ ...idle, customerId, status: 'loading' });
        await fetchAll(customerId, caseId);
      },

      async refresh() {
        const { customerId } = get();
        if (customerId) await fetchAll(customerId, null);
      },

      async loadOlder() {
        const { customerId, nextBefore, loadingOlder } = get();
        if (!customerId || !nextBefore || loadingOlder) return;
        set({ loadingOlder: true });
        try {
          const page = await bridge.call('timeline.get', { customerId, before: nextBefore, limit: TIMELINE_PAGE });
          if (get().customerId !== customerId) {
            set({ loadingOlder: false });
            return;
          }
          set({ items: mergeItems(page.items, get().items), nextBefore: page.nextBefore, loadingOlder: false });
        } catch {
          set({ loadingOlder: false });
        }
      },

      toggleChannel(channel) {
        set({ channelFilter: toggleChannel(get().channelFilter, channel) });
      },

      setGroupByCase(on) {
        set({ groupByCase: on });
      },

      selectCase(caseId) {
        const { view, items, selectedThreadId } = get();
        if (!view || !view.cases.some((c) => c.id === caseId)) return;
        const current = view.threads.find((t) => t.id === selectedThreadId);
        set({
          selectedCaseId: caseId,
          selectedThreadId:
            current && current.caseId === caseId ? current.id : pickDefaultThread(view.threads, items, caseId),
        });
      },

      selectThread(threadId) {
        const t = get().view?.threads.find((x) => x.id === threadId);
        if (!t) return;
        set({ selectedThreadId: t.id, selectedCaseId: t.caseId ?? get().selectedCaseId });
      },

      async sendReply(body, articles = [], email) {
        const t = selectedThread();
        if (!t || t.caseId === null || !canReplyOn(t)) throw new Error('no thread to reply to');
        const extra = t.channel === 'email' && email ? { ...(email.cc.length ? { cc: email.cc } : {}), ...(email.attachments.length ? { attachments: email.attachments } : {}) } : {};
        await bridge.call('reply.send', { caseId: t.caseId, threadId: t.id, body, ...(articles.length ? { articles } : {}), ...extra });
        void get().refresh();
      },

      async addNote(body) {
        const { customerId, selectedCaseId } = get();
        if (!customerId) throw new Error('no customer');
        const t = selectedThread();
        const threadId = t && t.caseId === selectedCaseId ? t.id : null;
        await bridge.call('note.add', { customerId, caseId: selectedCaseId, threadId, body });
        void get().refresh();
      },

      async setStatus(caseId, status) {
        await bridge.call('case.setStatus', { caseId, status });
        void get().refresh();
      },

      async setTags(caseId, add, remove) {
        await bridge.call('case.setTags', { caseId, add: [...add], remove: [...remove] });
        void get().refresh();
      },

      async assign(caseId, assigneeId) {
        await bridge.call('case.assign', { caseId, assigneeId });
        void get().refresh();
      },

      async setPriority(caseId, priority) {
        await bridge.call('case.setPriority', { caseId, priority });
        void get().refresh();
      },

      close() {
        generation++;
        set({ ...idle });
      },
    };
  });
}
