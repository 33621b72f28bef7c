import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { widgetHtml, WIDGET_SEEN_LIMIT } from '../../../../src/server/channels/chat';

/**
 * The widget's own script, run in a VM with a fake DOM and a fake socket.io: what the visitor's page does with
 * the events the server sends. Issue 9 (finding 9, last item): after a server crash the delivery worker can send an
 * agent reply again with the same event id; the widget must show it once.
 */
interface FakeEl {
  id: string;
  children: FakeEl[];
  className: string;
  textContent: string;
  hidden: boolean;
  value: string;
  attrs: Record<string, string>;
  appendChild(c: FakeEl): void;
  setAttribute(k: string, v: string): void;
  addEventListener(): void;
}

function el(id = ''): FakeEl {
  return {
    id, children: [], className: '', textContent: '', hidden: false, value: '', attrs: {},
    appendChild(c) { this.children.push(c); },
    setAttribute(k, v) { this.attrs[k] = v; },
    addEventListener() {},
  };
}

function loadWidget() {
  const html = widgetHtml();
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
  expect(scripts).toHaveLength(1);
  const els = new Map<string, FakeEl>();
  const handlers = new Map<string, (p: unknown) => void>();
  const socket = { on: (ev: string, fn: (p: unknown) => void) => handlers.set(ev, fn), emit() {}, auth: {} };
  const store = new Map<string, string>();
  runInNewContext(scripts[0] as string, {
    document: { getElementById: (id: string) => els.get(id) ?? (els.set(id, el(id)), els.get(id)), createElement: () => el() },
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
    io: () => socket,
    window: {},
    setTimeout, clearTimeout,
  });
  const fire = (ev: string, p: unknown) => (handlers.get(ev) as (p: unknown) => void)(p);
  const shown = () => (els.get('log') as FakeEl).children.map((c) => `${c.className}:${c.textContent}`);
  const status = () => (els.get('status') as FakeEl).textContent;
  return { fire, shown, status };
}

describe('chat widget: a repeated event id is shown once', () => {
  it('an agent reply delivered twice (same event id) is shown once, live or from the history', () => {
    const w = loadWidget();
    w.fire('chat:message', { id: 'evt-1', from: 'agent', text: 'Your reading is fine' });
    w.fire('chat:message', { id: 'evt-1', from: 'agent', text: 'Your reading is fine' });
    w.fire('chat:history', [{ id: 'evt-1', from: 'agent', text: 'Your reading is fine' }, { id: 'evt-2', from: 'agent', text: 'Anything else?' }]);
    expect(w.shown()).toEqual(['msg agent:Your reading is fine', 'msg agent:Anything else?']);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('an id named like an Object property (%s) is still shown, once', (id) => {
    const w = loadWidget();
    w.fire('chat:message', { id, from: 'agent', text: 'hello' });
    w.fire('chat:message', { id, from: 'agent', text: 'hello' });
    expect(w.shown()).toEqual(['msg agent:hello']);
  });

  it(`remembers at most ${WIDGET_SEEN_LIMIT} ids: the oldest is forgotten first`, () => {
    const w = loadWidget();
    for (let i = 0; i <= WIDGET_SEEN_LIMIT; i++) w.fire('chat:message', { id: `e${i}`, from: 'agent', text: `m${i}` });
    w.fire('chat:message', { id: `e${WIDGET_SEEN_LIMIT}`, from: 'agent', text: 'newest again' }); // still remembered
    w.fire('chat:message', { id: 'e0', from: 'agent', text: 'oldest again' }); // forgotten: bounded memory
    const shown = w.shown();
    expect(shown).toHaveLength(WIDGET_SEEN_LIMIT + 2);
    expect(shown.at(-1)).toBe('msg agent:oldest again');
  });
});

describe('chat widget: the flood guard\'s refusals are shown to the visitor (issue 9, finding 5)', () => {
  it('a refused connection shows the reason; a refused message shows a note', () => {
    const w = loadWidget();
    w.fire('connect_error', { message: 'x', data: { code: 'TOO_MANY_SESSIONS', message: 'Too many chats are open right now; please try again in a few minutes.' } });
    expect(w.status()).toBe('Too many chats are open right now; please try again in a few minutes.');
    w.fire('connect_error', new Error('xhr poll error'));
    expect(w.status()).toBe('Cannot connect right now; please try again later.');
    w.fire('chat:error', { code: 'RATE_LIMITED', message: 'You are sending messages too fast; please wait a moment.' });
    expect(w.shown()).toEqual(['msg note:You are sending messages too fast; please wait a moment.']);
  });
});
