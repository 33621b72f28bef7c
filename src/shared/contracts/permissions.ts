import type { Permission } from '../kernel/permissions';
import type { MutationName } from '../mutations';

/**
 * Who may call what, per boundary (issue 9). Deny by default: the server's guard (src/server/kernel/http/guard.ts)
 * refuses at startup to register an HTTP route that has no entry here, refuses a socket event with no entry, and
 * enforces the entry on every request. tests/integration/server/permissions.test.ts is generated from these tables
 * and proves every role refused where it must be.
 *
 * - `public`: no agent token (the route authenticates otherwise — a provider signature or token, a chat session — or
 *   needs nothing: login, health, the chat widget).
 * - `authenticated`: a valid bearer token of an existing agent; the handler applies visibility (teams).
 * - a Permission: authenticated AND `can(role, permission)`, else FORBIDDEN.
 */
export type Access = 'public' | 'authenticated' | Permission;

/**
 * `"METHOD /path"` → access. The path is Fastify's pattern (`:id` parameters). A key ending in `/*` covers the path
 * itself and everything below it (a route family another feature owns); `*` as the method covers every method.
 * An exact key wins over a family.
 */
export const ROUTE_PERMISSIONS: Readonly<Record<string, Access>> = {
  // kernel
  'POST /api/auth/login': 'public',
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  'GET /api/me': 'authenticated',
  // sign-in lifecycle (issue 9 auth work): refresh presents a refresh token, not an access token
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'authenticated',
  'POST /api/auth/password': 'authenticated',
  // lockouts: list and lift
  '* /api/auth/lockouts/*': 'lockouts.lift',
  // directory and customers
  'GET /api/directory': 'authenticated',
  'GET /api/customers': 'authenticated',
  // a message's file: the handler checks the event's team like any read of the customer
  'GET /api/attachments/:eventId/:sha256': 'authenticated',
  // a file an agent attaches to an email reply (issue 15), before the reply is sent
  'POST /api/attachments': 'authenticated',
  // agents, teams and roles (admin)
  '* /api/agents/*': 'agents.manage',
  'POST /api/teams': 'agents.manage',
  'PATCH /api/teams/:id': 'agents.manage',
  // export and erasure per customer
  'GET /api/admin/customers/:id/export': 'customers.export',
  'POST /api/admin/customers/:id/export': 'customers.export',
  'POST /api/admin/customers/:id/erase': 'customers.erase',
  'DELETE /api/admin/customers/:id': 'customers.erase',
  // audit trail: opening customers is reported by every agent; reading it is the admin's
  'POST /api/audit/access': 'authenticated',
  'GET /api/audit': 'audit.read',
  'GET /api/audit/verify': 'audit.read',
  'GET /api/audit/export': 'audit.read',
  // SLA: attainment for leads, policies and calendars for admins
  'GET /api/sla/attainment': 'sla.report',
  'PUT /api/sla/policies/:id': 'sla.configure',
  'PUT /api/sla/calendars/:id': 'sla.configure',
  'DELETE /api/sla/policies/:id': 'sla.configure',
  'DELETE /api/sla/calendars/:id': 'sla.configure',
  'PUT /api/escalation/documents/:name': 'escalation.configure',
  'DELETE /api/escalation/documents/:name': 'escalation.configure',
  // knowledge articles: specialists write drafts, leads and admins publish (the handler checks which)
  'PUT /api/knowledge/articles/:id': 'knowledge.write',
  'GET /api/knowledge/stats': 'knowledge.publish',
  // every agent's desktop reports the searches that found nothing
  'POST /api/knowledge/gaps': 'authenticated',
  // routing (issue 15): every agent sets their presence and answers their offers; leads and admins configure
  'GET /api/routing/presence': 'authenticated',
  'POST /api/routing/presence': 'authenticated',
  'GET /api/routing/offers': 'authenticated',
  'POST /api/routing/offers/:id/accept': 'authenticated',
  'POST /api/routing/offers/:id/decline': 'authenticated',
  'PUT /api/routing/teams/:teamId': 'routing.configure',
  'PUT /api/routing/agents/:agentId/skills': 'routing.configure',
  'GET /api/routing/agents': 'routing.configure',
  // the lead console (issue 16): leads of their teams, admins of every team (the handlers check the team)
  'GET /api/lead/wallboard': 'console.read',
  'GET /api/lead/kpis': 'console.read',
  'GET /api/lead/kpis/cases': 'console.read',
  'GET /api/lead/alerts': 'console.read',
  'POST /api/lead/messages': 'console.act',
  // macros: every agent writes their personal ones and their signature; the handler checks team macros (leads, admins)
  'PUT /api/macros/signature': 'authenticated',
  'PUT /api/macros/:id': 'authenticated',
  'DELETE /api/macros/:id': 'authenticated',
  // medical safety: the complaint / adverse-event record as a file (the handler checks the case's team)
  'GET /api/safety/complaints/:caseId/export': 'safety.review',
  // channels: authenticated by the provider's signature / token, or anonymous customers (the widget)
  'GET /webhooks/social': 'public',
  'POST /webhooks/social': 'public',
  'POST /webhooks/chatwoot': 'public',
  'POST /cti/events': 'public',
  'GET /chat/widget': 'public',
  // the customer's survey page (issue 18): the link's one-time token is the authentication
  'GET /s/:token': 'public',
  'POST /s/:token': 'public',
  // an agent sends a case's survey by hand: the handler checks they may act on the case
  'POST /api/surveys/cases/:caseId/send': 'authenticated',
  'POST /api/surveys/cases/:caseId/skip': 'authenticated',
  // the lead console's customer-perceived quality; the handlers keep to the caller's teams
  'GET /api/surveys/report': 'console.read',
  'GET /api/surveys/ranking': 'console.read',
  'GET /api/surveys/follow-ups': 'console.read',
  'GET /api/surveys/voice': 'console.read',
  'POST /api/surveys/follow-ups/:id/close': 'console.act',
  'GET /api/surveys/index-weights': 'console.read',
  'PUT /api/surveys/index-weights': 'surveys.configure',
  'GET /api/surveys/settings': 'console.read',
  'PUT /api/surveys/settings/:teamId': 'surveys.configure',
  'GET /chat/socket.io.min.js': 'public',
};

/** namespace → event → access, for events a client sends. The sync namespace's handshake already requires a token. */
export const SOCKET_PERMISSIONS: Readonly<Record<string, Readonly<Record<string, Access>>>> = {
  '/': {
    'sync:push': 'authenticated',
    'sync:pull': 'authenticated',
    'sync:bootstrap': 'authenticated',
    'sync:fetch': 'authenticated',
    'sync:reference': 'authenticated',
    'live:typing': 'authenticated',
    'live:viewing': 'authenticated',
  },
  '/chat': {
    'chat:message': 'public',
    'chat:offline': 'public',
    'chat:typing': 'public',
  },
};

/**
 * The permissions each mutation's shared `decide` consults (it refuses FORBIDDEN without them). `cases.act.any`
 * means: on a case that is not the caller's, not unassigned and not on the specialist queue; the others as named.
 * The generated test builds, for every entry, a state where the permission is needed and requires FORBIDDEN for
 * every role without it and no FORBIDDEN for every role with it.
 */
export const MUTATION_PERMISSIONS: Readonly<Record<MutationName, readonly Permission[]>> = {
  'reply.send': ['cases.act.any', 'cases.act.specialist'],
  'note.add': [],
  'case.setStatus': ['cases.act.any', 'cases.act.specialist'],
  'case.assign': ['cases.act.any', 'cases.act.specialist'],
  'case.setPriority': ['cases.act.any', 'cases.act.specialist', 'cases.priority.p0'],
  'case.setTags': ['cases.act.any', 'cases.act.specialist'],
  'customer.update': ['customers.vip'],
  'customer.merge': ['customers.merge'],
  'customer.unmerge': ['customers.merge'],
  'customer.dismissSuggestion': ['customers.merge'],
  'safety.flag': [],
  'safety.confirm': [],
  'safety.dismiss': [],
  'complaint.update': ['safety.review'],
  'complaint.decide': ['safety.review'],
  'script.record': ['cases.act.any', 'cases.act.specialist'],
  'case.handoff': ['cases.act.any', 'cases.act.specialist'],
  'approval.request': ['cases.act.any', 'cases.act.specialist'],
  'approval.decide': ['cases.act.any'],
  'knowledge.feedback': [],
  'knowledge.draft': [],
  'case.requestHelp': ['cases.act.any', 'cases.act.specialist'],
  'case.answerHelp': ['console.act'],
  'case.fastTrack': ['cases.greenChannel'],
  'case.reviewFastTrack': ['console.act'],
};

const norm = (method: string) => (method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase());

/** The entry for a route, or undefined (then the guard refuses it). `url` is the route's pattern, not a request path. */
export function routeAccess(method: string, url: string): Access | undefined {
  const m = norm(method);
  const exact = ROUTE_PERMISSIONS[`${m} ${url}`];
  if (exact) return exact;
  let best: { len: number; access: Access } | null = null;
  for (const [key, access] of Object.entries(ROUTE_PERMISSIONS)) {
    const space = key.indexOf(' ');
    const km = key.slice(0, space);
    const kp = key.slice(space + 1);
    if (!kp.endsWith('/*') || (km !== '*' && km !== m)) continue;
    const base = kp.slice(0, -2);
    if ((url === base || url.startsWith(`${base}/`)) && (!best || base.length > best.len)) best = { len: base.length, access };
  }
  return best?.access;
}

export function socketAccess(namespace: string, event: string): Access | undefined {
  return SOCKET_PERMISSIONS[namespace]?.[event];
}
