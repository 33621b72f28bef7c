import type { Agent } from '../../../shared/kernel/agent';
import { newId } from '../../../shared/kernel/ids';
import { hashPassword } from '../../kernel/auth/passwords';
import type { Db } from '../../kernel/db/types';
import { lockEventLog } from '../../kernel/events/append';
import { insertAgents, insertTeams } from '../directory';
import { assertPasswordPolicy, oneTimePassword, setPassword } from './store';

export const FIRST_ADMIN_USERNAME = 'admin';
export const FIRST_TEAM_NAME = 'Support';

/**
 * First start on a database without agents and without demo data (issue 9, finding 2): one admin (`admin`) and one
 * team (`Support`, so agents can be created at once). The password is `password` (OMNIDESK_ADMIN_PASSWORD, which
 * must pass the policy) or a generated one; either way it is one-time: the admin must change it first. Null when
 * the database already has agents (checked under the event-log lock: two instances cannot both create one).
 */
export async function createFirstAdmin(db: Db, password: string | null): Promise<{ username: string; password: string; generated: boolean } | null> {
  const chosen = password ?? oneTimePassword();
  if (password !== null) assertPasswordPolicy(password, FIRST_ADMIN_USERNAME);
  const passwordHash = await hashPassword(chosen);
  const admin: Agent = { id: newId(), username: FIRST_ADMIN_USERNAME, displayName: 'Administrator', role: 'admin', teamIds: [], languages: ['en'], presence: 'offline' };
  const done = await db.transaction(async (tx) => {
    await lockEventLog(tx);
    const { rows } = await tx.query<{ n: unknown }>('select count(*) as n from agents');
    if (Number(rows[0]?.n) > 0) return false;
    const { rows: teams } = await tx.query<{ n: unknown }>('select count(*) as n from teams');
    if (Number(teams[0]?.n) === 0) await insertTeams(tx, [{ id: newId(), name: FIRST_TEAM_NAME }]);
    await insertAgents(tx, [{ agent: admin, passwordHash }]);
    await setPassword(tx, admin.id, passwordHash, true);
    return true;
  });
  return done ? { username: FIRST_ADMIN_USERNAME, password: chosen, generated: password === null } : null;
}
