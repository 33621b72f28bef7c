import type { Agent, Team } from '../../shared/kernel/agent';
import { deterministicId } from '../../shared/kernel/ids';
import type { Macro } from '../../shared/features/macros';
import { DEFAULT_POLICY, type Calendar, type SlaPolicy } from '../../shared/features/sla';

/**
 * Fixed ids of the demo world: independent of the generator's seed and clock, so tests, docs and the
 * desktop can refer to them.
 */
const FIXED = Date.UTC(2025, 0, 1);

/** The showcase customer "Margaret Chen" (team Glucose & Metabolic): one open case on all four channels. */
export const SHOWCASE_CUSTOMER_ID = deterministicId(FIXED, 1);
/** The customer with the one safety complaint (P0): an ECG patch that overheated and burned skin. */
export const SAFETY_CUSTOMER_ID = deterministicId(FIXED, 2);

export const DEMO_TEAMS = {
  glucose: { id: deterministicId(FIXED, 101), name: 'Glucose & Metabolic' },
  cardio: { id: deterministicId(FIXED, 102), name: 'Cardio & Vitals' },
} as const satisfies Record<string, Team>;

export interface DemoLogin {
  username: string;
  password: string;
  role: Agent['role'];
  /** print-friendly: role and teams */
  description: string;
}

interface DemoAgentSpec extends DemoLogin {
  id: string;
  displayName: string;
  teamIds: string[];
  languages: Agent['languages'];
}

const G = DEMO_TEAMS.glucose.id;
const C = DEMO_TEAMS.cardio.id;

const AGENTS: readonly DemoAgentSpec[] = [
  { id: deterministicId(FIXED, 201), username: 'alice', password: 'omnidesk-agent', role: 'agent', displayName: 'Alice Turner', teamIds: [G], languages: ['en'], description: 'agent, Glucose & Metabolic' },
  { id: deterministicId(FIXED, 202), username: 'bob', password: 'omnidesk-agent', role: 'agent', displayName: 'Bob Lindqvist', teamIds: [C], languages: ['en'], description: 'agent, Cardio & Vitals' },
  { id: deterministicId(FIXED, 203), username: 'lena', password: 'omnidesk-lead', role: 'lead', displayName: 'Lena Hoffmann', teamIds: [G], languages: ['en', 'zh'], description: 'lead, Glucose & Metabolic' },
  { id: deterministicId(FIXED, 204), username: 'dr.wang', password: 'omnidesk-specialist', role: 'specialist', displayName: 'Dr. Wang Jing', teamIds: [G, C], languages: ['zh', 'en'], description: 'medical specialist, both teams' },
  { id: deterministicId(FIXED, 205), username: 'admin', password: 'omnidesk-admin', role: 'admin', displayName: 'Omnidesk Admin', teamIds: [], languages: ['en'], description: 'admin, sees everything' },
  { id: deterministicId(FIXED, 206), username: 'mei', password: 'omnidesk-agent', role: 'agent', displayName: 'Mei Lin', teamIds: [G], languages: ['zh', 'en'], description: 'agent, Glucose & Metabolic (Chinese)' },
  { id: deterministicId(FIXED, 207), username: 'jun', password: 'omnidesk-agent', role: 'agent', displayName: 'Jun Zhao', teamIds: [C], languages: ['zh', 'en'], description: 'agent, Cardio & Vitals (Chinese)' },
  { id: deterministicId(FIXED, 208), username: 'omar', password: 'omnidesk-lead', role: 'lead', displayName: 'Omar Haddad', teamIds: [C], languages: ['en'], description: 'lead, Cardio & Vitals' },
];

/** Demo sign-ins (demo data, safe to print). */
export const DEMO_LOGINS: readonly DemoLogin[] = AGENTS.map(({ username, password, role, description }) => ({ username, password, role, description }));

export const DEMO_AGENTS: ReadonlyArray<{ agent: Agent; password: string }> = AGENTS.map((a) => ({
  agent: { id: a.id, username: a.username, displayName: a.displayName, role: a.role, teamIds: a.teamIds, languages: a.languages, presence: 'offline' },
  password: a.password,
}));

export function demoAgent(username: string): Agent {
  const a = DEMO_AGENTS.find((x) => x.agent.username === username);
  if (!a) throw new Error(`no demo agent ${username}`);
  return a.agent;
}

/**
 * Demo SLA set-up: the cardio team works Shanghai office hours with a lunch break (P0 stays 24/7) on a policy of
 * its own; the glucose team keeps the shipped default policy on the 24/7 calendar.
 */
export const DEMO_SLA_CALENDAR: Calendar = {
  id: deterministicId(FIXED, 901),
  name: 'Shanghai office',
  timeZone: 'Asia/Shanghai',
  alwaysOpen: false,
  week: {
    mon: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }],
    tue: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }],
    wed: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }],
    thu: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }],
    fri: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }],
    sat: [],
    sun: [],
  },
  holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
};

export const DEMO_SLA_POLICY: SlaPolicy = {
  ...DEFAULT_POLICY,
  id: deterministicId(FIXED, 902),
  name: 'Cardio & Vitals',
  teamId: DEMO_TEAMS.cardio.id,
  calendarId: DEMO_SLA_CALENDAR.id,
};

/**
 * The demo's canned replies (issue 15): each team's own, in English and Chinese, with placeholders the desktop fills
 * for the customer on screen. Typed in the reply box as `#sensor`, `#photo`, `#thanks`.
 */
const macroFor = (teamId: string, n: number, m: Pick<Macro, 'title' | 'shortcut' | 'bodies' | 'setStatus'> & Partial<Pick<Macro, 'addTags'>>): Macro => ({
  id: deterministicId(FIXED, 950 + n),
  scope: 'team',
  teamId,
  ownerId: null,
  updatedAt: new Date(FIXED).toISOString(),
  addTags: [],
  ...m,
});
const SENSOR = {
  title: 'Device error: first steps',
  shortcut: 'sensor',
  bodies: {
    en: 'Hello {{customer.firstName}},\n\nsorry your {{device.kind}} ({{device.model}}, serial {{device.serial}}) is giving you trouble. Please restart the app, keep the phone within 6 m of the device, and tell me the exact error code you see.',
    zh: '{{customer.firstName}}您好，\n\n很抱歉您的{{device.kind}}（{{device.model}}，序列号 {{device.serial}}）出现问题。请重启 App，手机与设备保持在 6 米以内，并告诉我们屏幕上显示的具体错误代码。',
  },
  setStatus: null,
};
const PHOTO = {
  title: 'Ask for a photo',
  shortcut: 'photo',
  bodies: {
    en: 'Could you send a photo of the {{device.kind}} and of the error on screen? That helps us decide on a replacement quickly.',
    zh: '能否发一张{{device.kind}}以及屏幕错误信息的照片？这能帮助我们尽快判断是否需要更换。',
  },
  setStatus: 'waiting_on_customer' as const,
  addTags: ['photo-requested'],
};
const THANKS = {
  title: 'Closing: thanks',
  shortcut: 'thanks',
  bodies: { en: 'Thank you, {{customer.firstName}}. I am glad it works again. Write to us any time.', zh: '谢谢您，{{customer.firstName}}。很高兴问题已经解决，有任何问题随时联系我们。' },
  setStatus: 'resolved' as const,
};
export const DEMO_MACROS: readonly Macro[] = [
  macroFor(DEMO_TEAMS.glucose.id, 0, SENSOR),
  macroFor(DEMO_TEAMS.glucose.id, 1, PHOTO),
  macroFor(DEMO_TEAMS.glucose.id, 2, THANKS),
  macroFor(DEMO_TEAMS.cardio.id, 3, SENSOR),
  macroFor(DEMO_TEAMS.cardio.id, 4, PHOTO),
  macroFor(DEMO_TEAMS.cardio.id, 5, THANKS),
];
