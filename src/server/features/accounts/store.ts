import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ManagedAgent } from '../../../shared/contracts/http';
import { OmnideskError } from '../../../shared/kernel/errors';
import { parsePasswordList, passwordProblems, PASSWORD_PROBLEM_TEXT } from '../../../shared/features/accounts';
import { agentReference, DIRECTORY_AGENT } from '../../../shared/features/directory';
import type { Queryable } from '../../kernel/db/types';
import { AGENT_COLUMNS, rowToAgent, type AgentRow } from '../../kernel/events/store';
import { putReference } from '../../kernel/reference';

let common: Set<string> | null = null;
/** resources/common-passwords.txt, read once. */
export function commonPasswords(): ReadonlySet<string> {
  common ??= parsePasswordList(readFileSync(new URL('../../../../resources/common-passwords.txt', import.meta.url), 'utf8'));
  return common;
}

/** INVALID_ARGUMENT naming every problem (never the password). */
export function assertPasswordPolicy(password: string, username: string): void {
  const problems = passwordProblems(password, { username, common: commonPasswords() });
  if (problems.length) throw new OmnideskError('INVALID_ARGUMENT', `password: ${problems.map((p) => PASSWORD_PROBLEM_TEXT[p]).join('; ')}`);
}

/** A one-time password: 16 characters from 96 random bits (base64url), always within the policy. */
export function oneTimePassword(): string {
  return randomBytes(12).toString('base64url');
}

type ManagedRow = AgentRow & { active: boolean; must_change_password: boolean };
const MANAGED_COLUMNS = `${AGENT_COLUMNS}, active, must_change_password`;
const toManaged = (r: ManagedRow): ManagedAgent => ({ ...rowToAgent(r), active: r.active, mustChangePassword: r.must_change_password });

export async function listManagedAgents(q: Queryable): Promise<ManagedAgent[]> {
  const { rows } = await q.query<ManagedRow>(`select ${MANAGED_COLUMNS} from agents order by username`);
  return rows.map(toManaged);
}

export async function loadManagedAgent(q: Queryable, id: string): Promise<ManagedAgent | null> {
  const { rows } = await q.query<ManagedRow>(`select ${MANAGED_COLUMNS} from agents where id = $1`, [id]);
  return rows[0] ? toManaged(rows[0]) : null;
}

/** Updates role / teams / active and the agent's directory item, in the caller's transaction. */
export async function updateAgent(tx: Queryable, id: string, patch: { role?: string; teamIds?: string[]; active?: boolean }): Promise<ManagedAgent> {
  const { rows } = await tx.query<ManagedRow>(
    `update agents set role = coalesce($2, role), team_ids = coalesce($3::jsonb, team_ids), active = coalesce($4, active)
      where id = $1 returning ${MANAGED_COLUMNS}`,
    [id, patch.role ?? null, patch.teamIds ? JSON.stringify(patch.teamIds) : null, patch.active ?? null],
  );
  const row = rows[0];
  if (!row) throw new OmnideskError('NOT_FOUND', 'no such agent');
  const agent = toManaged(row);
  await putReference(tx, DIRECTORY_AGENT, [agentReference(rowToAgent(row))]);
  return agent;
}

export async function setPassword(q: Queryable, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await q.query('update agents set password_hash = $2, must_change_password = $3 where id = $1', [id, passwordHash, mustChange]);
}
