/**
 * Where the app is, kept in the location hash (works under file:// in Electron and in a browser, and
 * leaves the query string — web-host's launch token — alone). Pure parse/format.
 */
export type Route = { name: 'queue' } | { name: 'audit' } | { name: 'agents' } | { name: 'sla' } | { name: 'escalation' } | { name: 'knowledge' } | { name: 'macros' } | { name: 'routing' } | { name: 'console' } | { name: 'customer'; customerId: string; caseId: string | null; readOnly?: boolean };

export const QUEUE_ROUTE: Route = { name: 'queue' };

const ID = '[0-9A-Za-z-]{1,64}';
const CUSTOMER = new RegExp(`^#?/customer/(${ID})(?:/case/(${ID}))?(/read)?/?$`);

export const AUDIT_ROUTE: Route = { name: 'audit' };
export const AGENTS_ROUTE: Route = { name: 'agents' };
export const SLA_ROUTE: Route = { name: 'sla' };
export const ESCALATION_ROUTE: Route = { name: 'escalation' };
export const KNOWLEDGE_ROUTE: Route = { name: 'knowledge' };
export const MACROS_ROUTE: Route = { name: 'macros' };
export const ROUTING_ROUTE: Route = { name: 'routing' };
export const CONSOLE_ROUTE: Route = { name: 'console' };

export function parseRoute(hash: string): Route {
  if (/^#?\/audit\/?$/.test(hash)) return AUDIT_ROUTE;
  if (/^#?\/agents\/?$/.test(hash)) return AGENTS_ROUTE;
  if (/^#?\/sla\/?$/.test(hash)) return SLA_ROUTE;
  if (/^#?\/escalation\/?$/.test(hash)) return ESCALATION_ROUTE;
  if (/^#?\/knowledge\/?$/.test(hash)) return KNOWLEDGE_ROUTE;
  if (/^#?\/macros\/?$/.test(hash)) return MACROS_ROUTE;
  if (/^#?\/routing\/?$/.test(hash)) return ROUTING_ROUTE;
  if (/^#?\/console\/?$/.test(hash)) return CONSOLE_ROUTE;
  const m = CUSTOMER.exec(hash);
  if (m) return { name: 'customer', customerId: m[1]!, caseId: m[2] ?? null, ...(m[3] ? { readOnly: true } : {}) };
  return QUEUE_ROUTE;
}

export function formatRoute(route: Route): string {
  if (route.name === 'queue') return '#/queue';
  if (route.name === 'audit') return '#/audit';
  if (route.name === 'agents') return '#/agents';
  if (route.name === 'sla') return '#/sla';
  if (route.name === 'escalation') return '#/escalation';
  if (route.name === 'knowledge') return '#/knowledge';
  if (route.name === 'macros') return '#/macros';
  if (route.name === 'routing') return '#/routing';
  if (route.name === 'console') return '#/console';
  const base = `#/customer/${encodeURIComponent(route.customerId)}`;
  // `/read`: a lead looking on from the console (issue 16): nothing to change, nothing marked seen
  return (route.caseId ? `${base}/case/${encodeURIComponent(route.caseId)}` : base) + (route.readOnly ? '/read' : '');
}

export function sameRoute(a: Route, b: Route): boolean {
  return formatRoute(a) === formatRoute(b);
}
