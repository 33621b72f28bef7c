import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingAgentsResponse, TeamRouting } from '../../../shared/features/routing';
import { DeviceKind } from '../../../shared/kernel/customer';
import { Channel, Language } from '../../../shared/kernel/primitives';
import { can } from '../../../shared/kernel/permissions';
import { useBridge, useSession } from '../../kernel/app/bridge-context';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { errorKey } from '../../kernel/state/errors';
import { useSaveAction } from '../../kernel/state/use-action';
import { useDirectory } from '../directory';
import { emptyRule, putOf, rowOf, type RuleRow } from './settings-model';

const CHANNELS = Channel.options;

/**
 * #/routing: a lead (their teams) or an admin sets how work reaches the team's agents (issue 15): which channels are
 * offered live, email by queue or round robin, the seconds to accept, capacity per channel, idle time before away,
 * the inbound rules that send conversations to the team, and each agent's products and tier.
 */
export function RoutingSettingsView() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const me = useSession((s) => s.session?.agent ?? null);
  const teams = useDirectory((s) => s.teams);
  const agents = useDirectory((s) => s.agents);
  const mine = me?.role === 'admin' ? teams : teams.filter((x) => me?.teamIds.includes(x.id));
  const [teamId, setTeamId] = useState<string>('');
  const [routing, setRouting] = useState<TeamRouting | null>(null);
  const [rules, setRules] = useState<RuleRow[]>([]);
  const [floor, setFloor] = useState<RoutingAgentsResponse['agents']>([]);
  const { error, saved, run } = useSaveAction();

  useEffect(() => {
    if (!teamId && mine[0]) setTeamId(mine[0].id);
  }, [teamId, mine]);
  useEffect(() => {
    if (!teamId) return;
    // from the cache: a team's routing as last synced (its defaults when none was saved)
    bridge.call('routing.team', { teamId }).then(
      (r) => {
        setRouting(r);
        setRules(r.rules.map(rowOf));
      },
      () => setRouting(null),
    );
    bridge.call('routing.agents', {}).then((r) => setFloor(r.agents), () => setFloor([]));
  }, [bridge, teamId]);

  if (!me || !can(me.role, 'routing.configure')) return <p className="view-message">{t('errors.FORBIDDEN')}</p>;
  const teamAgents = agents.filter((a) => a.teamIds.includes(teamId) && (a.role === 'agent' || a.role === 'specialist'));
  const num = (v: string) => (Number.isFinite(Number(v)) ? Math.round(Number(v)) : 0);

  return (
    <section className="settings-view routing-settings" data-testid="routing-settings" aria-labelledby="routing-title">
      <h1 id="routing-title">{t('routing.settings.title')}</h1>
      <ChoiceSelect label={t('routing.settings.team')} testId="routing-team" value={teamId} choices={mine.map((x) => ({ value: x.id, label: x.name }))} onChange={(v) => v && setTeamId(v)} />
      {routing && (
        <form
          className="routing-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => setRouting(await bridge.call('routing.saveTeam', { teamId, routing: putOf(routing, rules) })));
          }}
        >
          <fieldset>
            <legend>{t('routing.settings.live')}</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="inline-field">
                <input
                  type="checkbox"
                  data-testid={`routing-live-${c}`}
                  checked={routing.liveChannels.includes(c)}
                  onChange={(e) => setRouting({ ...routing, liveChannels: e.target.checked ? [...routing.liveChannels, c] : routing.liveChannels.filter((x) => x !== c) })}
                />
                {t(`channel.${c}`)}
              </label>
            ))}
          </fieldset>
          <EnumSelect
            label={t('routing.settings.nonLive')}
            testId="routing-nonlive"
            value={routing.nonLive}
            options={['queue', 'round_robin'] as const}
            optionLabel={(v) => t(`routing.settings.nonLiveMode.${v}`)}
            onChange={(v) => v && setRouting({ ...routing, nonLive: v })}
          />
          <label className="field">
            <span>{t('routing.settings.timeout')}</span>
            <input type="number" data-testid="routing-timeout" min={5} max={600} value={routing.offerTimeoutSeconds} onChange={(e) => setRouting({ ...routing, offerTimeoutSeconds: num(e.target.value) })} />
          </label>
          <label className="field">
            <span>{t('routing.settings.autoAway')}</span>
            <input type="number" data-testid="routing-autoaway" min={1} max={240} value={routing.autoAwayMinutes} onChange={(e) => setRouting({ ...routing, autoAwayMinutes: num(e.target.value) })} />
          </label>
          <fieldset>
            <legend>{t('routing.settings.capacity')}</legend>
            {CHANNELS.map((c) => (
              <label key={c} className="inline-field">
                <span>{t(`channel.${c}`)}</span>
                <input type="number" data-testid={`routing-capacity-${c}`} min={0} max={500} value={routing.capacity[c]} onChange={(e) => setRouting({ ...routing, capacity: { ...routing.capacity, [c]: num(e.target.value) } })} />
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('routing.settings.rules')}</legend>
            <p className="hint small">{t('routing.settings.rulesHint')}</p>
            {rules.map((r, i) => {
              const set = (patch: Partial<RuleRow>) => setRules(rules.map((x, j) => (j === i ? { ...x, ...patch } : x)));
              return (
                <div key={i} className="routing-rule" data-testid="routing-rule">
                  <EnumSelect label={t('routing.settings.channel')} testId="rule-channel" value={r.channel} emptyLabel={t('routing.settings.any')} options={CHANNELS} optionLabel={(v) => t(`channel.${v}`)} onChange={(v) => set({ channel: v })} />
                  <label className="field">
                    <span>{t('routing.settings.recipient')}</span>
                    <input data-testid="rule-recipient" maxLength={200} value={r.recipient} placeholder={t('routing.settings.recipientHint')} onChange={(e) => set({ recipient: e.target.value })} />
                  </label>
                  <EnumSelect label={t('routing.settings.language')} testId="rule-language" value={r.language} emptyLabel={t('routing.settings.any')} options={Language.options} optionLabel={(v) => t(`customer.languageName.${v}`)} onChange={(v) => set({ language: v })} />
                  <EnumSelect label={t('routing.settings.product')} testId="rule-product" value={r.product} emptyLabel={t('routing.settings.any')} options={DeviceKind.options} optionLabel={(v) => t(`customer.deviceKind.${v}`)} onChange={(v) => set({ product: v })} />
                  <EnumSelect label={t('routing.settings.minTier')} testId="rule-tier" value={r.minTier} emptyLabel="1" options={['2', '3'] as const} optionLabel={(v) => v} onChange={(v) => set({ minTier: v })} />
                  <button type="button" className="ghost small" data-testid="rule-remove" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
                    {t('routing.settings.remove')}
                  </button>
                </div>
              );
            })}
            <button type="button" className="secondary small" data-testid="rule-add" onClick={() => setRules([...rules, emptyRule()])}>
              {t('routing.settings.addRule')}
            </button>
          </fieldset>
          <button type="submit" className="primary" data-testid="routing-save">
            {t('routing.settings.save')}
          </button>
        </form>
      )}
      <h2>{t('routing.settings.agents')}</h2>
      <table className="routing-agents" data-testid="routing-agents">
        <thead>
          <tr>
            <th scope="col">{t('routing.settings.agent')}</th>
            <th scope="col">{t('routing.presence.label')}</th>
            <th scope="col">{t('routing.settings.products')}</th>
            <th scope="col">{t('routing.settings.tier')}</th>
          </tr>
        </thead>
        <tbody>
          {teamAgents.map((a) => {
            const f = floor.find((x) => x.agentId === a.id);
            const skills = f?.skills ?? { products: [], tier: 1 };
            const save = (next: typeof skills) =>
              void run(async () => {
                const s = await bridge.call('routing.saveSkills', { agentId: a.id, skills: next });
                setFloor((list) =>
                  list.some((x) => x.agentId === a.id)
                    ? list.map((x) => (x.agentId === a.id ? { ...x, skills: s } : x))
                    : [...list, { agentId: a.id, presence: 'offline', since: new Date(0).toISOString(), skills: s, load: {} }],
                );
              });
            return (
              <tr key={a.id} data-testid="routing-agent" data-agent-id={a.id}>
                <th scope="row">{a.displayName}</th>
                <td>{t(`routing.presence.${f?.presence ?? 'offline'}`)}</td>
                <td>
                  {DeviceKind.options.map((p) => (
                    <label key={p} className="inline-field">
                      <input type="checkbox" checked={skills.products.includes(p)} onChange={(e) => save({ ...skills, products: e.target.checked ? [...skills.products, p] : skills.products.filter((x) => x !== p) })} />
                      {t(`customer.deviceKind.${p}`)}
                    </label>
                  ))}
                </td>
                <td>
                  <EnumSelect label={t('routing.settings.tier')} labelHidden testId="agent-tier" value={String(skills.tier) as '1' | '2' | '3'} options={['1', '2', '3'] as const} optionLabel={(v) => v} onChange={(v) => v && save({ ...skills, tier: Number(v) })} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && (
        <p className="form-error" role="alert" data-testid="routing-error">
          {t(errorKey(error))}
        </p>
      )}
      {saved && !error && (
        <p className="hint" role="status" data-testid="routing-saved">
          {t('macros.saved')}
        </p>
      )}
    </section>
  );
}
