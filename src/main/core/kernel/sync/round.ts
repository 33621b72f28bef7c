import {
  SYNC_EVENTS,
  type BootstrapRequest,
  type BootstrapResponse,
  type ErrorBody,
  type FetchRequest,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type ReferenceRequest,
  type ReferenceResponse,
} from '../../../../shared/index';
import type { Logger } from '../logger';
import type { SyncStorage, Touched } from './storage';

/** The acked requests of the sync protocol (src/shared/contracts/sync.ts): what is sent, what comes back. */
export interface SyncCalls {
  [SYNC_EVENTS.push]: { request: PushRequest; answer: PushResponse };
  [SYNC_EVENTS.pull]: { request: PullRequest; answer: PullResponse };
  [SYNC_EVENTS.bootstrap]: { request: BootstrapRequest; answer: BootstrapResponse };
  [SYNC_EVENTS.fetch]: { request: FetchRequest; answer: PullResponse };
  [SYNC_EVENTS.reference]: { request: ReferenceRequest; answer: ReferenceResponse };
}
export type SyncCall = keyof SyncCalls;

/**
 * One acked request, its answer validated. Fails with a SyncProblem (no connection, no answer in time, a
 * corrupt answer, the server's refusal) or Stopped (the client stopped meanwhile).
 */
export interface SyncTransport {
  request<E extends SyncCall>(event: E, payload: SyncCalls[E]['request']): Promise<SyncCalls[E]['answer']>;
}

/** The transport as the loop sees it: it runs rounds only while connected. */
export interface SyncLink extends SyncTransport {
  readonly connected: boolean;
}

export interface SyncSettings {
  /** events per pull or fetch page */
  pullLimit: number;
  /** days of history a new cache is bootstrapped with and kept to */
  historyDays: number;
  /** how often customers that left the window are pruned */
  pruneIntervalMs: number;
}

/** What a round's steps (push.ts, pull.ts, fetch.ts, prune.ts) work with. */
export interface RoundContext {
  readonly storage: SyncStorage;
  readonly transport: SyncTransport;
  readonly log: Logger;
  readonly settings: SyncSettings;
  /** the cache changed: tells the UI (`data.changed`); `all` asks it to refetch everything */
  changed(t: Touched, all: boolean): void;
  /** counts or cursor may have moved: `sync.status` goes out if it did */
  reportStatus(): void;
}

/** A page this large counts as a bulk catch-up: the UI refetches everything. */
export const BULK_PAGE = 200;

/** A sync round that could not finish; retried with backoff. Carries a code, never data. */
export class SyncProblem extends Error {
  constructor(
    readonly code: string,
    /** the server's refusal, when it answered with one */
    readonly refusal: ErrorBody | null = null,
  ) {
    super(code);
  }
}

/** The client stopped while a request was out: the round ends quietly, without a retry. */
export class Stopped extends Error {}
