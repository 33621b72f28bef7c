import { normalise } from '../../kernel/text-normalise';
import { CUSTOMER_CONCEPTS } from './concepts-customer';

/**
 * A small domain thesaurus for article search: customers say "pulse ox", "top number", "jogging", "my belly",
 * articles say oximeter, systolic, exercise, abdomen. Each concept is a word added to the tokens of both sides —
 * to an article when it is indexed, to a query when it is searched — whenever the text says any of its phrases
 * (a synonym filter at index and query time, as search engines do). bm25 then weighs the concept like any other
 * word, so a concept many articles share counts for little. Written from the devices' vocabulary (DOMAIN.md, the
 * articles' topics), not from queries: a phrase belongs here when customers and articles name one thing two ways.
 */
interface Concept {
  /** the concept's name (its token is CONCEPT_PREFIX + word) */
  word: string;
  /** English phrases, matched on whole words of the normalised (lower-case) text */
  en: readonly string[];
  /** Chinese phrases (Simplified: `normalise` folds Traditional), matched anywhere */
  zh?: readonly string[];
}

const CONCEPTS: readonly Concept[] = [
  { word: 'exercise', en: ['exercise', 'exercising', 'workout', 'workouts', 'work out', 'working out', 'gym', 'jog', 'jogging', 'run', 'runs', 'running', 'runner', 'marathon', 'sport', 'sports', 'cycling', 'bike ride', 'hiking', 'swim', 'swimming', 'sweat', 'sweating', 'sweaty'], zh: ['运动', '跑步', '健身', '锻炼', '马拉松', '游泳', '出汗'] },
  { word: 'waterproof', en: ['waterproof', 'water resistant', 'wet', 'shower', 'showering', 'bath', 'bathe', 'swim', 'swimming', 'pool', 'hot tub', 'sauna'], zh: ['防水', '洗澡', '淋浴', '泡澡', '游泳', '沾水'] },
  { word: 'oximeter', en: ['oximeter', 'pulse ox', 'pulse oximeter', 'oxiclip', 'spo2', 'sp02', 'oxygen level', 'oxygen levels', 'oxygen saturation', 'finger clip', 'finger sensor'], zh: ['血氧', '指夹'] },
  { word: 'systolic', en: ['systolic', 'diastolic', 'top number', 'bottom number', 'upper number', 'lower number', 'blood pressure', 'bp'], zh: ['高压', '低压', '收缩压', '舒张压', '血压'] },
  { word: 'pair', en: ['pair', 'pairs', 'paired', 'pairing', 'bluetooth', 'connect', 'connects', 'connected', 'connecting', 'connection', 'link', 'linked', 'unpair', 'new phone'], zh: ['配对', '蓝牙', '连接', '连不上', '绑定', '换手机'] },
  { word: 'firmware', en: ['firmware', 'software update', 'update', 'updates', 'updating', 'upgrade', 'upgrading', 'rollback', 'roll back', 'downgrade', 'new version'], zh: ['固件', '升级', '更新', '回滚'] },
  { word: 'placement', en: ['placement', 'where to wear', 'where do i wear', 'where should i wear', 'where can i wear', 'where am i supposed to wear', 'where to put', 'site', 'sites', 'belly', 'tummy', 'stomach', 'abdomen', 'back of my arm', 'back of the arm', 'upper arm', 'insert', 'insertion', 'apply', 'applying'], zh: ['佩戴位置', '贴在哪', '戴在哪', '肚子', '腹部', '上臂', '植入', '部位'] },
  { word: 'subscription', en: ['subscription', 'subscribe', 'delivery', 'deliveries', 'shipment', 'next box', 'box of sensors', 'reorder', 'refill', 'postpone', 'pause my', 'skip a', 'skip my', 'push back', 'push my', 'auto ship', 'autoship'], zh: ['订阅', '配送', '发货', '推迟', '暂停'] },
  { word: 'rash', en: ['rash', 'itch', 'itchy', 'itching', 'redness', 'red mark', 'red marks', 'irritation', 'irritated', 'blister', 'blisters', 'allergy', 'allergic', 'hives', 'sore skin'], zh: ['皮疹', '过敏', '发红', '红肿', '痒', '水泡', '起疹'] },
  { word: 'infection', en: ['infection', 'infected', 'swollen', 'swelling', 'pus', 'fever', 'temperature', 'red streak', 'warm to the touch', 'hot to the touch'], zh: ['感染', '肿', '化脓', '发烧', '发热'] },
  { word: 'alarm', en: ['alarm', 'alarms', 'alert', 'alerts', 'beep', 'beeping', 'no sound', 'silent', 'do not disturb', 'dnd', 'vibrate', 'notification', 'notifications', 'ping', 'pings', 'pinging', 'nagging', 'keeps going off', 'goes off'], zh: ['警报', '报警', '提醒', '提示音', '勿扰', '静音'] },
  { word: 'battery', en: ['battery', 'batteries', 'charge', 'charging', 'charger', 'recharge', 'flat', 'dies', 'died', 'drains', 'draining'], zh: ['电池', '充电', '没电', '耗电'] },
  { word: 'ecg', en: ['ecg', 'ekg', 'holter', 'heart monitor', 'cardiac monitor', 'cardiologist', 'heart patch', 'chest patch', 'cardiopatch'], zh: ['心电', '心电贴', '动态心电', '心内科'] },
  { word: 'timezone', en: ['time zone', 'time zones', 'timezone', 'time difference', 'jet lag', 'daylight saving', 'clocks change', 'flight', 'flying', 'abroad', 'overseas'], zh: ['时区', '时差', '出国', '坐飞机', '航班'] },
  { word: 'emergency', en: ['emergency', 'ambulance', 'er', 'a e', '911', '999', 'paramedic', 'paramedics', 'passed out', 'fainted', 'unconscious', 'chest pain'], zh: ['急诊', '救护车', '晕倒', '昏迷', '胸痛', '急救'] },
  { word: 'calibrate', en: ['calibrate', 'calibration', 'fingerstick', 'finger stick', 'finger prick', 'prick my finger', 'prick finger', 'meter reading', 'glucometer', 'doesnt match', 'does not match', 'different from my meter'], zh: ['校准', '指尖血', '扎手指', '血糖仪'] },
  { word: 'refund', en: ['refund', 'money back', 'return', 'returns', 'send it back', 'send back'], zh: ['退款', '退货', '退钱'] },
  { word: 'overheat', en: ['overheat', 'overheats', 'overheated', 'overheating', 'too hot', 'very hot', 'hot to touch', 'hot to the touch', 'burning smell', 'burnt smell', 'smell of burnt', 'smell of burning', 'burnt plastic', 'melted', 'melting', 'smoke', 'smoking', 'sparks', 'sparking', 'swollen battery', 'battery is swollen', 'bulging', 'scorch', 'scorched'], zh: ['发烫', '过热', '烫手', '冒烟', '焦味', '烧焦', '糊味', '鼓包', '鼓起来', '融化', '熔化', '火花'] },
  { word: 'export', en: ['export', 'exporting', 'download my', 'download the', 'printout', 'print out', 'print them', 'pdf', 'csv', 'spreadsheet', 'copy of my data', 'get them out', 'get my data', 'my data out'], zh: ['导出', '打印', '下载数据', '导出数据', '数据导出'] },
  { word: 'irregular', en: ['irregular heartbeat', 'irregular heart beat', 'irregular rhythm', 'irregular pulse', 'arrhythmia', 'afib', 'a fib', 'atrial fibrillation', 'squiggle', 'heart icon', 'heart symbol', 'ihb'], zh: ['心律不齐', '心律不整', '心跳不规律', '心跳不齐', '房颤', '早搏'] },
  { word: 'differ', en: ['readings differ', 'different readings', 'different numbers', 'numbers differ', 'inconsistent', 'dont match', 'doesnt match', 'do not match', 'does not match', 'left arm', 'right arm', 'each arm', 'both arms'], zh: ['差了', '不一样', '差很多', '相差', '左胳膊', '右胳膊', '两只手'] },
  { word: 'replacement', en: ['replacement', 'replace', 'warranty', 'rma', 'faulty', 'defective', 'broken', 'stopped working', 'dead on arrival'], zh: ['更换', '换新', '保修', '补发', '坏了'] },
];

/** English phrases as one alternation each (whole words of the normalised text); built once. The devices' vocabulary
 * above, then customers' phrasings written from the articles alone (concepts-customer.ts). */
const MATCHERS = [...CONCEPTS, ...CUSTOMER_CONCEPTS].map((c) => ({
  word: c.word,
  en: new RegExp(`(?:^|[^a-z0-9])(?:${c.en.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[^a-z0-9]+')).join('|')})(?![a-z0-9])`),
  zh: c.zh ?? [],
}));

/** Every concept's name, in order (each is one token: names must not repeat). */
export const CONCEPT_NAMES: readonly string[] = MATCHERS.map((m) => m.word);

/**
 * A concept is its own token ("conceptpair"), not the word "pair": an article that only says "bluetooth" must not
 * make the customer's own "pair" a commoner, weaker word.
 */
export const CONCEPT_PREFIX = 'concept';

/** The concept words a text speaks of (each once), for the article index and for a query alike. */
export function conceptWords(text: string): string[] {
  const t = normalise(text.length > 20_000 ? text.slice(0, 20_000) : text);
  const out: string[] = [];
  for (const m of MATCHERS) if (m.en.test(t) || m.zh.some((p) => t.includes(p))) out.push(`${CONCEPT_PREFIX}${m.word}`);
  return out;
}
