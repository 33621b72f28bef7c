import { Suspense, lazy, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav, useSession } from './kernel/app/bridge-context';
import { LoginView } from './features/session/LoginView';
import { ChangePasswordView } from './features/session/ChangePasswordView';
import { Header } from './kernel/shell/Header';
import { SessionBanner } from './kernel/shell/SessionBanner';
import { CallPop } from './features/conversations/CallPop';
import { SlaAlerts } from './features/sla';
import { SafetyAlerts } from './features/safety';
import { EscalationAlerts } from './features/escalation';
import { PresenceSwitch, RoutingAttention } from './features/routing';
import { LeadMessages } from './features/lead';
import { signInLanguage } from './kernel/i18n/index';

// The two work views load on first use (their table/virtual-list libraries stay out of the login bundle).
const QueueView = lazy(() => import('./features/cases/QueueView').then((m) => ({ default: m.QueueView })));
const AgentsView = lazy(() => import('./features/accounts/AgentsView').then((m) => ({ default: m.AgentsView })));
const SlaSettingsView = lazy(() => import('./features/sla/SlaSettingsView').then((m) => ({ default: m.SlaSettingsView })));
const KnowledgeEditorView = lazy(() => import('./features/knowledge/KnowledgeEditorView').then((m) => ({ default: m.KnowledgeEditorView })));
const EscalationSettingsView = lazy(() => import('./features/escalation/EscalationSettingsView').then((m) => ({ default: m.EscalationSettingsView })));
const RoutingSettingsView = lazy(() => import('./features/routing/RoutingSettingsView').then((m) => ({ default: m.RoutingSettingsView })));
const MacrosView = lazy(() => import('./features/macros/MacrosView').then((m) => ({ default: m.MacrosView })));
const LeadConsoleView = lazy(() => import('./features/lead/LeadConsoleView').then((m) => ({ default: m.LeadConsoleView })));
const AuditView = lazy(() => import('./features/audit/AuditView').then((m) => ({ default: m.AuditView })));
const CustomerView = lazy(() => import('./features/conversations/CustomerView').then((m) => ({ default: m.CustomerView })));

/** Signed out: the login form. Signed in: header + the queue or one customer (from the location hash). */
export function App() {
  const { t, i18n } = useTranslation();
  const status = useSession((s) => s.status);
  const resume = useSession((s) => s.resume);
  const mustChangePassword = useSession((s) => s.session?.mustChangePassword === true);
  const agent = useSession((s) => s.session?.agent ?? null);

  // on sign-in the interface speaks the agent's language (their choice on this device, else their profile's)
  const agentId = agent?.id ?? null;
  useEffect(() => {
    if (!agent) return;
    const l = signInLanguage(agent.id, agent.languages);
    if (l && l !== i18n.language) void i18n.changeLanguage(l);
    // once per signed-in agent, not on every session refresh
  }, [agentId, i18n]);

  useEffect(() => {
    void resume();
  }, [resume]);

  if (status === 'resuming') {
    return (
      <div className="splash" role="status">
        {t('app.loading')}
      </div>
    );
  }
  if (status !== 'signed_in') return <LoginView />;
  // a one-time password: the server refuses everything else until it is changed
  if (mustChangePassword) return <ChangePasswordView />;
  return (
    <div className="app-shell">
      <Header status={<PresenceSwitch />} />
      <SessionBanner />
      <RoutingAttention />
      <LeadMessages />
      <SafetyAlerts />
      <EscalationAlerts />
      <SlaAlerts />
      <CallPop />
      <main className="app-main">
        <Suspense fallback={<div className="splash">{t('app.loading')}</div>}>
          <Routed />
        </Suspense>
      </main>
    </div>
  );
}

function Routed() {
  const route = useNav((s) => s.route);
  if (route.name === 'audit') return <AuditView />;
  if (route.name === 'agents') return <AgentsView />;
  if (route.name === 'sla') return <SlaSettingsView />;
  if (route.name === 'escalation') return <EscalationSettingsView />;
  if (route.name === 'knowledge') return <KnowledgeEditorView />;
  if (route.name === 'macros') return <MacrosView />;
  if (route.name === 'routing') return <RoutingSettingsView />;
  if (route.name === 'console') return <LeadConsoleView />;
  if (route.name === 'customer') {
    return <CustomerView key={route.customerId} customerId={route.customerId} caseId={route.caseId} readOnly={route.readOnly === true} />;
  }
  return <QueueView />;
}
