import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/kernel/permissions';
import { AGENTS_ROUTE, AUDIT_ROUTE, QUEUE_ROUTE, SLA_ROUTE, ESCALATION_ROUTE, KNOWLEDGE_ROUTE, MACROS_ROUTE, ROUTING_ROUTE, CONSOLE_ROUTE } from '../app/route';
import { useNav, useSession } from '../app/bridge-context';
import { LanguageSwitch } from './LanguageSwitch';
import { SearchBox } from './SearchBox';
import { SyncIndicator } from './SyncIndicator';

/** `status`: what features put beside the sync state (the agent's routing status), given by the composition root. */
export function Header({ status }: { status?: ReactNode } = {}) {
  const { t } = useTranslation();
  const agent = useSession((s) => s.session?.agent ?? null);
  const logout = useSession((s) => s.logout);
  const go = useNav((s) => s.go);
  return (
    <header className="app-header">
      <button type="button" className="brand brand-button" onClick={() => go(QUEUE_ROUTE)} title={t('header.queue')}>
        {t('app.name')}
      </button>
      <SearchBox />
      <div className="header-spacer" />
      <SyncIndicator />
      {status}
      {agent && can(agent.role, 'agents.manage') && (
        <button type="button" className="ghost" data-testid="nav-agents" onClick={() => go(AGENTS_ROUTE)}>
          {t('header.agents')}
        </button>
      )}
      {agent && can(agent.role, 'console.read') && (
        <button type="button" className="ghost" data-testid="nav-console" onClick={() => go(CONSOLE_ROUTE)}>
          {t('header.console')}
        </button>
      )}
      {agent && (can(agent.role, 'sla.configure') || can(agent.role, 'sla.report')) && (
        <button type="button" className="ghost" data-testid="nav-sla" onClick={() => go(SLA_ROUTE)}>
          {t('header.sla')}
        </button>
      )}
      {agent && (
        <button type="button" className="ghost" data-testid="nav-macros" onClick={() => go(MACROS_ROUTE)}>
          {t('header.macros')}
        </button>
      )}
      {agent && can(agent.role, 'routing.configure') && (
        <button type="button" className="ghost" data-testid="nav-routing" onClick={() => go(ROUTING_ROUTE)}>
          {t('header.routing')}
        </button>
      )}
      {agent && can(agent.role, 'knowledge.write') && (
        <button type="button" className="ghost" data-testid="nav-knowledge" onClick={() => go(KNOWLEDGE_ROUTE)}>
          {t('header.knowledge')}
        </button>
      )}
      {agent && can(agent.role, 'escalation.configure') && (
        <button type="button" className="ghost" data-testid="nav-escalation" onClick={() => go(ESCALATION_ROUTE)}>
          {t('header.escalation')}
        </button>
      )}
      {agent && can(agent.role, 'audit.read') && (
        <button type="button" className="ghost" data-testid="nav-audit" onClick={() => go(AUDIT_ROUTE)}>
          {t('header.audit')}
        </button>
      )}
      {agent && (
        <span className="current-agent" data-testid="current-agent" data-agent-id={agent.id} data-role={agent.role}>
          <span className="sr-only">{t('header.signedInAs')} </span>
          <strong>{agent.displayName}</strong>
          <span className="role-tag">{t(`role.${agent.role}`)}</span>
        </span>
      )}
      <LanguageSwitch />
      <button type="button" className="ghost" data-testid="logout" onClick={() => void logout()}>
        {t('header.logout')}
      </button>
    </header>
  );
}
