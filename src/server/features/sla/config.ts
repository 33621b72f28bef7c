import { Calendar, SlaPolicy, slaRuleFor, SLA_CALENDAR, SLA_POLICY, type Channel } from '../../../shared/index';
import type { Queryable } from '../../kernel/db/types';

/** The SLA policies and calendars in force (reference data), read once per version of the reference stream. */
export interface SlaConfig {
  policies: SlaPolicy[];
  calendars: Map<string, Calendar>;
}

let cached: { version: string; config: SlaConfig } | null = null;

export async function loadSlaConfig(db: Queryable): Promise<SlaConfig> {
  const { rows: v } = await db.query<{ v: string | null }>(
    `select max(version)::text as v from reference_items where kind in ($1, $2)`,
    [SLA_POLICY.kind, SLA_CALENDAR.kind],
  );
  const version = v[0]?.v ?? '0';
  if (cached?.version === version) return cached.config;
  const { rows } = await db.query<{ kind: string; data: unknown }>(
    `select kind, data from reference_items where kind in ($1, $2) and not deleted`,
    [SLA_POLICY.kind, SLA_CALENDAR.kind],
  );
  const config: SlaConfig = { policies: [], calendars: new Map() };
  for (const r of rows) {
    // written through the kind's schema (kernel/reference), so a parse failure here is a newer shape: skipped
    if (r.kind === SLA_POLICY.kind) {
      const p = SlaPolicy.safeParse(r.data);
      if (p.success) config.policies.push(p.data);
    } else {
      const c = Calendar.safeParse(r.data);
      if (c.success) config.calendars.set(c.data.id, c.data);
    }
  }
  cached = { version, config };
  return config;
}

/** The policy and calendar of a case of `teamId` opened on `channel` (no calendar: 24/7). */
export function ruleFor(config: SlaConfig, teamId: string, channel: Channel | null): { policy: SlaPolicy; calendar: Calendar } {
  return slaRuleFor(config.policies, config.calendars, teamId, channel);
}
