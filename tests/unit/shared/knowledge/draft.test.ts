import { describe, expect, it } from 'vitest';
import { draftSlug, gapQuery, proposeFromCase, redactPersonal, type CaseForDraft } from '../../../../src/shared/features/knowledge';

/** "Create an article from this case" (issue 14): the draft is the case's words without the customer in them. */
describe('redactPersonal', () => {
  it.each([
    ['mail me at li.na@example.com.cn please', [], 'mail me at [email] please'],
    ['call +1 (415) 555-0134 after 6', [], 'call [phone] after 6'],
    ['我的电话 138 0013 8000', [], '我的电话 [phone]'],
    ['serial GT4-88AB12 fails', [], 'serial [number] fails'],
    ['order A1B2C3D4 arrived', [], 'order [number] arrived'],
    ['firmware 4.2.1 and 20 minutes, 2 days', [], 'firmware 4.2.1 and 20 minutes, 2 days'],
    ['Hi Maria, Maria Lopez here; Mariam is my sister', ['Maria Lopez'], 'Hi [name], [name] [name] here; Mariam is my sister'],
    ['王芳您好，王芳的贴片', ['王芳'], '[name]您好，[name]的贴片'],
    ['ECG patch itches', ['Al'], 'ECG patch itches'],
    ['a name with regex chars: J. (Jr.) Smith', ['J. (Jr.) Smith'], 'a name with regex chars: [name] [name] [name]'],
  ])('%j', (text, names, want) => {
    expect(redactPersonal(text, names)).toBe(want);
  });
});

describe('draftSlug', () => {
  it.each([
    ['Patch itches after a shower', 'patch-itches-after-a-shower'],
    ['  Café crème: réglage!  ', 'cafe-creme-reglage'],
    ['贴片过敏怎么办', 'case-00000000abcd'],
    ['OK', 'case-00000000abcd'],
    ['x'.repeat(200), 'x'.repeat(60)],
  ])('%j', (title, want) => {
    expect(draftSlug(title, '01900000-0000-7000-8000-00000000abcd')).toBe(want);
  });
});

const base: CaseForDraft = {
  caseId: '01900000-0000-7000-8000-00000000abcd',
  subject: 'Patch itches – Maria Lopez',
  locale: 'en',
  customerNames: ['Maria Lopez'],
  device: { kind: 'ecg_patch', model: 'Vitalink CardioPatch 14' },
  asked: ['Hi, my chest is red and itchy under the patch. Reach me at maria@example.com', 'still itchy'],
  answered: ['Hello Maria,', 'Hello Maria,\nPlease remove the patch and wash the skin.\nMove the new one 2 cm away.\nBest regards,\nTom', 'Glad it helped!'],
  category: 'skin',
};

describe('proposeFromCase', () => {
  it('takes the subject, the first question and the last replies, with the customer taken out', () => {
    const d = proposeFromCase(base);
    expect(d).toMatchObject({ locale: 'en', title: 'Patch itches – [name] [name]', category: 'skin', products: ['Vitalink CardioPatch 14'], deviceKinds: ['ecg_patch'] });
    expect(d.body).toContain('## The problem\nHi, my chest is red and itchy under the patch. Reach me at [email]');
    expect(d.body).toContain('## What solved it\nPlease remove the patch and wash the skin.\nMove the new one 2 cm away.\nTom\n\nGlad it helped!');
    expect(d.body).not.toMatch(/maria|Hello/i);
    expect(d.summary).toBe('Hi, my chest is red and itchy under the patch. Reach me at [email]');
  });

  it('in Chinese, with nothing cached yet, gives headings and placeholders to fill in', () => {
    const d = proposeFromCase({ ...base, locale: 'zh-CN', subject: '', asked: [], answered: [], device: null, category: null });
    expect(d).toMatchObject({ locale: 'zh-CN', title: '来自已解决工单的新文章', category: 'setup', products: [], deviceKinds: [], summary: '' });
    expect(d.body).toBe('## 问题\n（客户描述的问题）\n\n## 解决方法\n（解决步骤）\n');
  });

  it('a long message is cut at a word, marked', () => {
    const d = proposeFromCase({ ...base, asked: [`${'word '.repeat(400)}end`] });
    const problem = d.body.split('\n')[1]!;
    expect(problem.length).toBeLessThanOrEqual(802);
    expect(problem.endsWith('word …')).toBe(true);
  });
});

describe('gapQuery: the words of a search that found nothing, as counted', () => {
  it.each([
    ['  Blorf   QWXZ ', 'blorf qwxz'],
    ['"rash" AND (itch*)', 'rash and itch'],
    ['patient li.na@example.com rash', 'patient [email] rash'],
    ['call 415 555 0134', 'call [phone]'],
    ['钛合金', '钛合金'],
    ['a', null],
    ['表', null],
    ['"*"', null],
    ['\u0000\u0001', null],
    ['x'.repeat(300), 'x'.repeat(100)],
  ])('%j', (text, want) => {
    expect(gapQuery(text)).toBe(want);
  });
});
