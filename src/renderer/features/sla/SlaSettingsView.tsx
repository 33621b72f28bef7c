import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type Calendar } from '../../../shared/features/sla/calendar';
import type { SlaAttainmentResponse } from '../../../shared/features/sla/contract';
import { CLOCKS, type SlaPolicy } from '../../../shared/features/sla/policy';
import type { Team } from '../../../shared/kernel/agent';
import { CaseStatus, Priority } from '../../../shared/kernel/case';
import { Channel } from '../../../shared/kernel/primitives';
import { newId } from '../../../shared/kernel/ids';
import { can } from '../../../shared/kernel/permissions';
import { useBridge, useSession } from '../../kernel/app/bridge-context';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { errorCodeOf, errorKey } from '../../kernel/state/errors';
import { newCalendar, newPolicy, parseHolidays, parsePeriods, periodsToText } from './settings-model';

const PAUSABLE = CaseStatus.options.filter((s) => s !== 'resolved' && s !== 'closed');

/** What a failed save says: the server's (or the shared schema's) field and reason, after a translated lead-in. */
function problem(err: unknown, t: (k: string) => string): string {
  const code = errorCodeOf(err);
  const message = typeof err === 'object' && err !== null && 'message' in err ? String((err as { message: unknown }).message) : '';
  if (code === 'INVALID_ARGUMENT' && message) return `${t('slaSettings.invalid')} ${message}`;
  // a calendar still in use says by how many policies
  if (code === 'CONFLICT' && message) return `${t(errorKey(code))} ${message}`;
  return t(errorKey(code));
}

/**
 * #/sla: admins edit SLA policies (targets per priority and clock, pauses, warning, calendar, team and channel)
 * and calendars (time zone, working periods per weekday, holidays, iCalendar import); each save is a new version
 * the desktops pull. Leads and admins read attainment (targets met ÷ due) for the last 7 days.
 */
export function SlaSettingsView() {
  const { t } = useTranslation();
  const me = useSession((s) => s.session?.agent ?? null);
  const configure = me !== null && can(me.role, 'sla.configure');
  const report = me !== null && can(me.role, 'sla.report');
  if (!configure && !report) {
    return (
      <div className="view-message" role="status">
        {t('slaSettings.forbidden')}
      </div>
    );
  }
  return (
    <div className="sla-settings" data-testid="sla-settings">
      <h1>{t('slaSettings.title')}</h1>
      {configure && <SlaConfig />}
      {report && <Attainment />}
    </div>
  );
}

function SlaConfig() {
  const bridge = useBridge();
  const [policies, setPolicies] = useState<SlaPolicy[]>([]);
  const [calendars, setCalendars] = useState<Calendar[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [policy, setPolicy] = useState<SlaPolicy | null>(null);
  const [calendar, setCalendar] = useState<Calendar | null>(null);

  const load = useCallback(async () => {
    const [settings, dir] = await Promise.all([bridge.call('sla.settings', {}), bridge.call('directory.get', {})]);
    setPolicies(settings.policies);
    setCalendars(settings.calendars);
    setTeams(dir.teams);
  }, [bridge]);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);

  return (
    <>
      <Editing<SlaPolicy>
        kind="policy"
        items={policies}
        current={policy}
        onPick={setPolicy}
        onNew={() => setPolicy(newPolicy(newId()))}
        onDelete={async (x) => {
          await bridge.call('sla.deletePolicy', { id: x.id });
          setPolicy(null);
          setPolicies((all) => all.filter((y) => y.id !== x.id));
        }}
        form={
          policy && (
            <PolicyForm
              key={policy.id}
              initial={policy}
              teams={teams}
              calendars={calendars}
              onSaved={(p) => setPolicies((all) => [...all.filter((x) => x.id !== p.id), p])}
            />
          )
        }
      />
      <Editing<Calendar>
        kind="calendar"
        items={calendars}
        current={calendar}
        onPick={setCalendar}
        onNew={() => setCalendar(newCalendar(newId()))}
        onDelete={async (x) => {
          await bridge.call('sla.deleteCalendar', { id: x.id });
          setCalendar(null);
          setCalendars((all) => all.filter((y) => y.id !== x.id));
        }}
        form={calendar && <CalendarForm key={calendar.id} initial={calendar} onSaved={(c) => setCalendars((all) => [...all.filter((x) => x.id !== c.id), c])} />}
      />
    </>
  );
}

const EDITING = {
  policy: { title: 'slaSettings.policies', pick: 'slaSettings.editPolicy', add: 'slaSettings.newPolicy' },
  calendar: { title: 'slaSettings.calendars', pick: 'slaSettings.editCalendar', add: 'slaSettings.newCalendar' },
} as const;

/** One section of settings: pick an item (or start a new one), and its form. */
function Editing<T extends { id: string; name: string }>(p: {
  kind: 'policy' | 'calendar';
  items: T[];
  current: T | null;
  onPick(item: T | null): void;
  onNew(): void;
  onDelete(item: T): Promise<void>;
  form: ReactNode;
}) {
  const { t } = useTranslation();
  const keys = EDITING[p.kind];
  const [error, setError] = useState<string | null>(null);
  const saved = p.current !== null && p.items.some((x) => x.id === p.current!.id);
  async function remove() {
    if (!p.current) return;
    setError(null);
    try {
      await p.onDelete(p.current);
    } catch (err) {
      setError(problem(err, t));
    }
  }
  return (
    <section aria-labelledby={`sla-${p.kind}-title`} className="sla-section">
      <h2 id={`sla-${p.kind}-title`}>{t(keys.title)}</h2>
      <div className="sla-picker">
        <ChoiceSelect
          label={t(keys.pick)}
          testId={`sla-${p.kind}-pick`}
          value={p.current?.id ?? ''}
          emptyLabel="—"
          choices={p.items.map((x) => ({ value: x.id, label: x.name }))}
          onChange={(id) => p.onPick(p.items.find((x) => x.id === id) ?? null)}
        />
        <button type="button" data-testid={`sla-${p.kind}-new`} onClick={p.onNew}>
          {t(keys.add)}
        </button>
        {saved && (
          <button type="button" className="ghost" data-testid={`sla-${p.kind}-delete`} onClick={() => void remove()}>
            {t('slaSettings.delete')}
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid={`sla-${p.kind}-delete-error`}>
          {error}
        </p>
      )}
      {p.form}
    </section>
  );
}

function SaveStatus({ saved, error }: { saved: number | null; error: string | null }) {
  const { t } = useTranslation();
  if (error) {
    return (
      <p className="form-error" role="alert" data-testid="sla-save-error">
        {error}
      </p>
    );
  }
  if (saved !== null) {
    return (
      <p role="status" data-testid="sla-saved">
        {t('slaSettings.saved', { version: saved })}
      </p>
    );
  }
  return null;
}

function PolicyForm({ initial, teams, calendars, onSaved }: { initial: SlaPolicy; teams: Team[]; calendars: Calendar[]; onSaved(p: SlaPolicy): void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [p, setP] = useState<SlaPolicy>(initial);
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    setError(null);
    try {
      const res = await bridge.call('sla.savePolicy', p);
      setSaved(res.version);
      onSaved(res.policy);
    } catch (err) {
      setError(problem(err, t));
    }
  }
  const setTarget = (prio: Priority, clock: (typeof CLOCKS)[number], v: string) =>
    setP({ ...p, targets: { ...p.targets, [prio]: { ...p.targets[prio], [clock]: v === '' ? 0 : Number(v) } } });
  const togglePause = (clock: (typeof CLOCKS)[number], status: CaseStatus) =>
    setP({ ...p, pauses: { ...p.pauses, [clock]: p.pauses[clock].includes(status) ? p.pauses[clock].filter((s) => s !== status) : [...p.pauses[clock], status] } });

  return (
    <form className="sla-form" onSubmit={save} noValidate data-testid="sla-policy-form">
      <label>
        {t('slaSettings.name')}
        <input data-testid="sla-policy-name" value={p.name} maxLength={200} onChange={(e) => setP({ ...p, name: e.target.value })} />
      </label>
      <ChoiceSelect
        label={t('slaSettings.team')}
        testId="sla-policy-team"
        value={p.teamId ?? ''}
        emptyLabel={t('slaSettings.organisation')}
        choices={teams.map((team) => ({ value: team.id, label: team.name }))}
        onChange={(v) => setP({ ...p, teamId: v || null })}
      />
      <EnumSelect
        label={t('slaSettings.channel')}
        testId="sla-policy-channel"
        value={p.channel ?? ''}
        emptyLabel={t('slaSettings.anyChannel')}
        options={Channel.options}
        optionLabel={(c) => t(`channel.${c}`)}
        onChange={(v) => setP({ ...p, channel: v || null })}
      />
      <ChoiceSelect
        label={t('slaSettings.calendar')}
        testId="sla-policy-calendar"
        value={p.calendarId ?? ''}
        emptyLabel={t('slaSettings.allHours')}
        choices={calendars.map((c) => ({ value: c.id, label: c.name }))}
        onChange={(v) => setP({ ...p, calendarId: v || null })}
      />
      <label>
        {t('slaSettings.warnAt')}
        <input type="number" data-testid="sla-policy-warn" min={1} max={99} value={p.warnAtPct} onChange={(e) => setP({ ...p, warnAtPct: Number(e.target.value) })} />
      </label>
      <table className="sla-targets">
        <caption>{t('slaSettings.targets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('slaSettings.priority')}</th>
            {CLOCKS.map((c) => (
              <th key={c} scope="col">
                {t(`sla.clock.${c}`)}
              </th>
            ))}
            <th scope="col">{t('slaSettings.allHours')}</th>
          </tr>
        </thead>
        <tbody>
          {Priority.options.map((prio) => (
            <tr key={prio}>
              <th scope="row">{prio}</th>
              {CLOCKS.map((clock) => (
                <td key={clock}>
                  <input
                    type="number"
                    min={1}
                    data-testid={`sla-target-${prio}-${clock}`}
                    aria-label={t('slaSettings.targetLabel', { priority: prio, clock: t(`sla.clock.${clock}`) })}
                    value={p.targets[prio][clock] || ''}
                    onChange={(e) => setTarget(prio, clock, e.target.value)}
                  />
                </td>
              ))}
              <td>
                <input
                  type="checkbox"
                  aria-label={t('slaSettings.alwaysOpenLabel', { priority: prio })}
                  checked={p.alwaysOpen.includes(prio)}
                  onChange={(e) => setP({ ...p, alwaysOpen: e.target.checked ? [...p.alwaysOpen, prio] : p.alwaysOpen.filter((x) => x !== prio) })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {CLOCKS.map((clock) => (
        <fieldset key={clock} className="sla-pauses">
          <legend>{t('slaSettings.pausesOf', { clock: t(`sla.clock.${clock}`) })}</legend>
          {PAUSABLE.map((s) => (
            <label key={s} className="inline-check">
              <input type="checkbox" checked={p.pauses[clock].includes(s)} onChange={() => togglePause(clock, s)} />
              {t(`status.${s}`)}
            </label>
          ))}
        </fieldset>
      ))}
      <button type="submit" data-testid="sla-policy-save">
        {t('slaSettings.save')}
      </button>
      <SaveStatus saved={saved} error={error} />
    </form>
  );
}

function CalendarForm({ initial, onSaved }: { initial: Calendar; onSaved(c: Calendar): void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [name, setName] = useState(initial.name);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [week, setWeek] = useState<Record<string, string>>(Object.fromEntries(WEEKDAYS.map((d) => [d, periodsToText(initial.week[d])])));
  const [holidays, setHolidays] = useState(initial.holidays.join('\n'));
  const [ics, setIcs] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    setError(null);
    const days = WEEKDAYS.map((d) => [d, parsePeriods(week[d] ?? '')] as const);
    const bad = days.find(([, periods]) => periods === null);
    if (bad) {
      setError(t('slaSettings.badPeriods', { day: t(`slaSettings.day.${bad[0]}`) }));
      return;
    }
    const calendar = { ...initial, name, timeZone: timeZone.trim(), week: Object.fromEntries(days) as Calendar['week'], holidays: parseHolidays(holidays) };
    try {
      const res = await bridge.call('sla.saveCalendar', { calendar, ...(ics !== undefined ? { ics } : {}) });
      setSaved(res.version);
      setHolidays(res.calendar.holidays.join('\n'));
      setIcs(undefined);
      onSaved(res.calendar);
    } catch (err) {
      setError(problem(err, t));
    }
  }

  return (
    <form className="sla-form" onSubmit={save} noValidate data-testid="sla-calendar-form">
      <label>
        {t('slaSettings.name')}
        <input data-testid="sla-calendar-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('slaSettings.timeZone')}
        <input data-testid="sla-calendar-tz" value={timeZone} maxLength={64} onChange={(e) => setTimeZone(e.target.value)} />
      </label>
      <fieldset className="sla-week">
        <legend>{t('slaSettings.week')}</legend>
        {WEEKDAYS.map((d) => (
          <label key={d}>
            {t(`slaSettings.day.${d}`)}
            <input data-testid={`sla-calendar-${d}`} value={week[d] ?? ''} placeholder="09:00-12:00, 13:00-18:00" onChange={(e) => setWeek({ ...week, [d]: e.target.value })} />
          </label>
        ))}
      </fieldset>
      <label>
        {t('slaSettings.holidays')}
        <textarea data-testid="sla-calendar-holidays" rows={4} value={holidays} onChange={(e) => setHolidays(e.target.value)} />
      </label>
      <label>
        {t('slaSettings.importIcs')}
        <input
          type="file"
          data-testid="sla-calendar-ics"
          accept=".ics,text/calendar"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then(setIcs);
          }}
        />
      </label>
      <button type="submit" data-testid="sla-calendar-save">
        {t('slaSettings.save')}
      </button>
      <SaveStatus saved={saved} error={error} />
    </form>
  );
}

const WEEK_MS = 7 * 24 * 3_600_000;
const GROUPS = ['team', 'agent', 'channel', 'policy'] as const;

function Attainment() {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [group, setGroup] = useState<'team' | 'agent' | 'channel' | 'policy'>('team');
  const [rows, setRows] = useState<SlaAttainmentResponse['rows'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    // keys are team, agent and policy ids: shown by name from the directory and the replicated policies
    Promise.all([bridge.call('directory.get', {}), bridge.call('sla.settings', {})]).then(
      ([dir, settings]) =>
        setNames(
          new Map([
            ...dir.teams.map((x) => [x.id, x.name] as const),
            ...dir.agents.map((x) => [x.id, x.displayName] as const),
            ...settings.policies.map((x) => [x.id, x.name] as const),
          ]),
        ),
      () => undefined,
    );
  }, [bridge]);

  useEffect(() => {
    let live = true;
    const to = new Date();
    bridge.call('sla.attainment', { from: new Date(to.getTime() - WEEK_MS).toISOString(), to: to.toISOString(), group }).then(
      (res) => live && (setRows(res.rows), setError(null)),
      (err: unknown) => live && setError(t(errorKey(errorCodeOf(err)))),
    );
    return () => {
      live = false;
    };
  }, [bridge, group, t]);

  return (
    <section aria-labelledby="sla-attainment-title" className="sla-section">
      <h2 id="sla-attainment-title">{t('slaSettings.attainment')}</h2>
      <EnumSelect
        label={t('slaSettings.groupBy')}
        testId="sla-attainment-group"
        value={group}
        options={GROUPS}
        optionLabel={(g) => t(`slaSettings.group.${g}`)}
        onChange={(g) => g && setGroup(g)}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {rows && (
        <table className="sla-attainment" data-testid="sla-attainment">
          <thead>
            <tr>
              <th scope="col">{t(`slaSettings.group.${group}`)}</th>
              <th scope="col">{t('slaSettings.clock')}</th>
              <th scope="col">{t('slaSettings.met')}</th>
              <th scope="col">{t('slaSettings.due')}</th>
              <th scope="col">{t('slaSettings.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.key}:${r.clock}`} data-testid="sla-attainment-row">
                <td>{r.key === null ? '—' : group === 'channel' ? t(`channel.${r.key}`, { defaultValue: r.key }) : (names.get(r.key) ?? r.key)}</td>
                <td>{t(`sla.clock.${r.clock}`)}</td>
                <td>{r.met}</td>
                <td>{r.due}</td>
                <td>{r.attainment === null ? '—' : `${Math.round(r.attainment * 1000) / 10} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
