/**
 * The complaint / adverse-event record's export (issue 12): the layout (what the PDF says, field by field) as a table
 * of cases, the character filter for the PDF's font, and the PDF itself (a real file: header, trailer, pages).
 */
import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ComplaintExport, regulatoryClock } from '../../../src/shared/features/safety';
import type { ComplaintRecord } from '../../../src/shared/kernel/complaint';
import { complaintLayout, complaintPdf, drawable, NOT_RECORDED, type LayoutSection } from '../../../src/server/features/safety';

const CASE = '0190a1b2-0000-7000-8000-000000000001';
const RECORD = '0190a1b2-0000-7000-8000-000000000002';
const CUSTOMER = '0190a1b2-0000-7000-8000-000000000003';
const MESSAGE = '0190a1b2-0000-7000-8000-000000000004';
const SPECIALIST = '0190a1b2-0000-7000-8000-000000000005';
const RECEIVED = '2026-06-01T08:30:00.000Z';
const NOW = Date.parse('2026-06-10T12:00:00.000Z');

function fullRecord(): ComplaintRecord {
  return {
    id: RECORD,
    caseId: CASE,
    customerId: CUSTOMER,
    receivedAt: RECEIVED,
    channel: 'email',
    sourceMessageId: MESSAGE,
    categories: ['burn_heat', 'skin'],
    complainantRole: 'caregiver',
    patientRelation: 'child',
    device: { name: 'ECG patch', kind: 'ecg_patch', model: 'CardioPatch X2', udi: '(01)00812345678901(17)270101', serial: 'SN-4471', lot: 'LOT-2026-05A', firmware: '3.2.1', appVersion: '5.0.4' },
    eventDate: '2026-05-30',
    narrative: 'The patch heated up overnight and left a second-degree burn on the chest.',
    patient: { injury: true, medicalIntervention: true, hospitalisation: false, death: false },
    deviceUse: 'diagnosis',
    relationToEvent: 'The adhesive area under the battery overheated.',
    country: 'DE',
    severity: { remedialActionNeeded: false, seriousDeterioration: true, publicHealthThreat: false },
    investigationRef: 'INV-2026-118',
    correctiveActionRef: 'CAPA-77',
    replySent: 'We are sorry; a replacement and a prepaid return label are on the way.',
    fdaReport: { submittedAt: '2026-06-05T09:00:00.000Z', reference: 'MW5012345' },
    euReport: null,
    decision: { reportability: 'fda_mdr_and_eu_vigilance', rationale: 'Burn requiring medical care: serious injury.', decidedById: SPECIALIST, decidedByName: 'Dr. Wang', decidedAt: '2026-06-02T10:15:00.000Z' },
  };
}

function emptyRecord(): ComplaintRecord {
  return {
    id: RECORD,
    caseId: CASE,
    customerId: CUSTOMER,
    receivedAt: RECEIVED,
    channel: null,
    sourceMessageId: MESSAGE,
    categories: [],
    complainantRole: null,
    patientRelation: null,
    device: { name: null, kind: null, model: null, udi: null, serial: null, lot: null, firmware: null, appVersion: null },
    eventDate: null,
    narrative: null,
    patient: { injury: null, medicalIntervention: null, hospitalisation: null, death: null },
    deviceUse: null,
    relationToEvent: null,
    country: null,
    severity: { remedialActionNeeded: null, seriousDeterioration: null, publicHealthThreat: null },
    investigationRef: null,
    correctiveActionRef: null,
    replySent: null,
    fdaReport: null,
    euReport: null,
    decision: null,
  };
}

function exportOf(record: ComplaintRecord, over: Partial<ComplaintExport> = {}): ComplaintExport {
  return ComplaintExport.parse({
    record,
    verbatim: { body: 'The patch burned my skin. 贴片把我的皮肤烫伤了。', subject: 'Burn from the patch', receivedAt: RECEIVED, channel: 'email' },
    complainant: { id: CUSTOMER, name: 'Margaret Chen', emails: ['margaret.chen@example.com'], phones: ['+14155550123'], segment: 'elderly' },
    case: { id: CASE, subject: 'Patch overheating', priority: 'P0', status: 'open' },
    regulatoryClock: regulatoryClock({ ...record, awareAt: record.receivedAt }, NOW),
    exportedAt: new Date(NOW).toISOString(),
    exportedBy: { id: SPECIALIST, name: 'Dr. Wang' },
    ...over,
  });
}

const emptyExport = () =>
  exportOf(emptyRecord(), {
    verbatim: { body: null, subject: null, receivedAt: RECEIVED, channel: null },
    complainant: { id: CUSTOMER, name: '', emails: [], phones: [], segment: 'adult' },
    case: { id: CASE, subject: '  ', priority: 'P0', status: 'open' },
  });

/** label → value over every section */
function lines(sections: LayoutSection[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sections) for (const l of s.lines) out.set(l.label, l.value);
  return out;
}

/** What 820.198 / 803 / MDR Art. 87 ask of the record, by the label that shows it. */
const REQUIRED = [
  'Date received (awareness)',
  'Channel received',
  'Text',
  'Name',
  'Role',
  'Email',
  'Phone',
  'Device name',
  'Model',
  'UDI',
  'Serial number',
  'Lot',
  'Firmware version',
  'App version',
  'Event date',
  'Narrative',
  'Injury',
  'Medical intervention',
  'Hospitalisation',
  'Death',
  'Device use',
  'Relation of the device to the event',
  'Country',
  'Decision',
  'Rationale',
  'Decided by',
  'Decided at',
  'Investigation reference',
  'Corrective action reference',
  'Reply sent to the complainant',
  'FDA MDR report submitted',
  'FDA MDR report reference',
  'EU vigilance report submitted',
  'EU vigilance report reference',
  'Next deadline',
  'Exported at',
  'Exported by',
];

describe('complaintLayout', () => {
  const table: Array<{ name: string; x: () => ComplaintExport; expect: Record<string, string> }> = [
    {
      name: 'a complete record',
      x: () => exportOf(fullRecord()),
      expect: {
        'Date received (awareness)': '2026-06-01 08:30 UTC',
        'Channel received': 'Email',
        Text: 'The patch burned my skin. 贴片把我的皮肤烫伤了。',
        Subject: 'Burn from the patch',
        Name: 'Margaret Chen',
        Role: 'Caregiver',
        'Person involved': 'The complainant’s child',
        Email: 'margaret.chen@example.com',
        Phone: '+14155550123',
        'Device name': 'ECG patch',
        Model: 'CardioPatch X2',
        UDI: '(01)00812345678901(17)270101',
        'Serial number': 'SN-4471',
        Lot: 'LOT-2026-05A',
        'Firmware version': '3.2.1',
        'App version': '5.0.4',
        'Event date': '2026-05-30',
        Country: 'DE',
        'Device use': 'Diagnosis',
        Injury: 'Yes',
        Hospitalisation: 'No',
        Death: 'No',
        Decision: 'Reportable: FDA MDR (21 CFR 803) and EU vigilance (MDR Art. 87)',
        Rationale: 'Burn requiring medical care: serious injury.',
        'Decided by': 'Dr. Wang',
        'Decided at': '2026-06-02 10:15 UTC',
        'Investigation reference': 'INV-2026-118',
        'Corrective action reference': 'CAPA-77',
        'FDA MDR report submitted': '2026-06-05 09:00 UTC',
        'FDA MDR report reference': 'MW5012345',
        'EU vigilance report submitted': NOT_RECORDED,
        'FDA MDR: 30 calendar days (21 CFR 803.50)': 'Due 2026-07-01 08:30 UTC; state: Met; report submitted 2026-06-05 09:00 UTC',
        'EU vigilance: 10 days, death or serious deterioration (MDR Art. 87(4))': 'Due 2026-06-11 08:30 UTC; state: Due soon',
        'Next deadline': 'EU vigilance: 10 days, death or serious deterioration (MDR Art. 87(4)), due 2026-06-11 08:30 UTC',
        'Exported at': '2026-06-10 12:00 UTC',
        'Exported by': 'Dr. Wang',
        'Case status': 'Open',
      },
    },
    {
      name: 'a record with every optional field missing',
      x: emptyExport,
      expect: {
        'Channel received': NOT_RECORDED,
        Text: NOT_RECORDED,
        Subject: NOT_RECORDED,
        Channel: NOT_RECORDED,
        Name: NOT_RECORDED,
        Role: NOT_RECORDED,
        Email: NOT_RECORDED,
        Phone: NOT_RECORDED,
        'Case subject': NOT_RECORDED,
        'Safety categories': NOT_RECORDED,
        'Device name': NOT_RECORDED,
        UDI: NOT_RECORDED,
        'Event date': NOT_RECORDED,
        Narrative: NOT_RECORDED,
        Injury: NOT_RECORDED,
        Death: NOT_RECORDED,
        'Remedial action needed (21 CFR 803.53)': NOT_RECORDED,
        Decision: NOT_RECORDED,
        Rationale: NOT_RECORDED,
        'Decided by': NOT_RECORDED,
        'Decided at': NOT_RECORDED,
        'FDA MDR report submitted': NOT_RECORDED,
        'EU vigilance report reference': NOT_RECORDED,
        'Reply sent to the complainant': NOT_RECORDED,
        // unknown country and no decision: both clocks run (an unknown fact never drops one)
        'FDA MDR: 30 calendar days (21 CFR 803.50)': 'Due 2026-07-01 08:30 UTC; state: Running; warning from 2026-06-26 08:30 UTC',
        'EU vigilance: 15 days (MDR Art. 87(3))': 'Due 2026-06-16 08:30 UTC; state: Running; warning from 2026-06-11 08:30 UTC',
      },
    },
    {
      name: 'a device known only by its kind, not reportable',
      x: () => {
        const r = { ...emptyRecord(), device: { ...emptyRecord().device, kind: 'cgm' as const } };
        r.decision = { reportability: 'not_reportable', rationale: '没有伤害 🙂', decidedById: null, decidedByName: '王医生', decidedAt: '2026-06-03T00:00:00.000Z' };
        return exportOf(r);
      },
      expect: {
        'Device name': 'Continuous glucose monitor',
        Decision: 'Not reportable',
        Rationale: '没有伤害 🙂',
        'Decided by': '王医生',
        'FDA MDR: 30 calendar days (21 CFR 803.50)': 'Due 2026-07-01 08:30 UTC; state: Not required (reportability decision)',
        'Next deadline': 'None outstanding',
      },
    },
  ];

  it.each(table)('$name', ({ x, expect: want }) => {
    const sections = complaintLayout(x());
    const got = lines(sections);
    for (const [label, value] of Object.entries(want)) expect(got.get(label), label).toBe(value);
    for (const label of REQUIRED) expect(got.has(label), `has ${label}`).toBe(true);
    for (const s of sections) {
      expect(s.title).not.toBe('');
      for (const l of s.lines) {
        expect(l.value.trim(), `${s.title} / ${l.label}`).not.toBe('');
        expect(l.value, `${s.title} / ${l.label}`).not.toMatch(/\bnull\b|\bundefined\b|NaN|Invalid Date/);
      }
    }
  });

  it('a complete record leaves nothing "Not recorded" but what was not (the EU report)', () => {
    const missing = [...lines(complaintLayout(exportOf(fullRecord())))].filter(([, v]) => v === NOT_RECORDED).map(([k]) => k);
    expect(missing.sort()).toEqual(['EU vigilance report reference', 'EU vigilance report submitted']);
  });

  const BOOLEANS = [
    ['injury', 'Injury'],
    ['medicalIntervention', 'Medical intervention'],
    ['hospitalisation', 'Hospitalisation'],
    ['death', 'Death'],
  ] as const;
  const SEVERITY = [
    ['remedialActionNeeded', 'Remedial action needed (21 CFR 803.53)'],
    ['seriousDeterioration', 'Serious deterioration in health (MDR Art. 87)'],
    ['publicHealthThreat', 'Serious public-health threat (MDR Art. 87)'],
  ] as const;
  it.each([
    [true, 'Yes'],
    [false, 'No'],
    [null, NOT_RECORDED],
  ] as const)('a yes/no fact %s shows as %s', (value, shown) => {
    const r = emptyRecord();
    for (const [k] of BOOLEANS) r.patient[k] = value;
    for (const [k] of SEVERITY) r.severity[k] = value;
    const got = lines(complaintLayout(exportOf(r)));
    for (const [, label] of [...BOOLEANS, ...SEVERITY]) expect(got.get(label), label).toBe(shown);
  });

  it('keeps Chinese (Simplified and Traditional) and emoji as they were: the layout never rewrites text', () => {
    const body = '贴片烫伤了我的皮肤 🔥😢 燙傷起水泡，醫生說要住院。 ❤️ Thanks';
    const got = lines(complaintLayout(exportOf(fullRecord(), { verbatim: { body, subject: '投訴：燙傷 👎', receivedAt: RECEIVED, channel: 'social' } })));
    expect(got.get('Text')).toBe(body);
    expect(got.get('Subject')).toBe('投訴：燙傷 👎');
    expect(got.get('Channel')).toBe('Social message');
  });
});

describe('drawable (characters the PDF font can draw)', () => {
  const has = (cp: number) => cp < 0x2000 || (cp >= 0x4e00 && cp <= 0x9fff) || cp === 0x25a1;
  it.each([
    ['Latin and Chinese pass', 'Burn 烫伤 燙傷 é', 'Burn 烫伤 燙傷 é'],
    ['an emoji becomes □', 'hot 🔥!', 'hot □!'],
    ['a variation selector and a joiner are dropped, not boxed', '❤️ 👨‍👩‍👧', '□ □□□'],
    ['a skin tone modifier is dropped', '👍🏽', '□'],
    ['line ends and tabs', 'a\r\nb\rc\td', 'a\nb\nc    d'],
    ['control characters are dropped', 'a\u0000b\u0007c\u009bd', 'abcd'],
  ])('%s', (_name, input, out) => {
    expect(drawable(input, has)).toBe(out);
  });
});

/** The page count pdf-lib reads. */
async function pageCount(pdf: Buffer): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

/**
 * The strings drawn in a single-byte font (Helvetica: labels, page numbers), read from the inflated content streams:
 * each TJ array's hex strings joined (pdfkit splits words for kerning) and read as Latin-1.
 */
function latinTexts(pdf: Buffer): string[] {
  const s = pdf.toString('latin1');
  const out: string[] = [];
  const re = /\bstream\r?\n/g; // \b: not the tail of "endstream"
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    re.lastIndex = end;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a deflated stream
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      out.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return out;
}

describe('complaintPdf', () => {
  it('a complete record: a PDF file with the CJK font embedded as a subset, and "Page N of M" on every page', async () => {
    const pdf = await complaintPdf(exportOf(fullRecord()));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const pages = await pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile3|\/FontFile2/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+/); // a subset's tag
    expect(pdf.length).toBeLessThan(600_000); // the subset, not the 8 MB font
    const text = latinTexts(pdf);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
    expect(text).toContain('Complaint and adverse-event record');
    expect(text).toContain('Reportability decision');
  });

  it('a record with every optional field missing', async () => {
    const pdf = await complaintPdf(emptyExport());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await pageCount(pdf)).toBeGreaterThanOrEqual(1);
  });

  it('a 100,000-character verbatim of mixed Chinese, English and emoji flows onto several pages', async () => {
    const parts = ['贴片让我的皮肤烫伤了，起了水泡。', 'The patch burned my skin and left a blister. ', '醫生說是二度燒傷，需要住院觀察。', '🔥😢❤️ ', 'x'.repeat(300), '\r\n\t'];
    let body = '';
    for (let i = 0; body.length < 100_000; i++) body += parts[i % parts.length];
    body = body.slice(0, 100_000);
    const started = Date.now();
    const pdf = await complaintPdf(exportOf(fullRecord(), { verbatim: { body, subject: '很長的投訴 📄', receivedAt: RECEIVED, channel: 'email' } }));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-8).toString('latin1')).toContain('%%EOF');
    const pages = await pageCount(pdf);
    expect(pages).toBeGreaterThan(10);
    expect(latinTexts(pdf)).toContain(`Page ${pages} of ${pages}`);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
