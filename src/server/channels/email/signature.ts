/**
 * Phone numbers a sender gives in their email signature (issue 10: numbers are read in the desk's region on every
 * path). What a signature says is a claim, not a key: the ingestion pipeline normalises it with the desk's region
 * (OMNIDESK_PHONE_REGION) and uses it only to suggest a merge with a customer who has that number (a caller who now
 * writes from a new address); it never joins a customer by itself and never marks the thread unverified.
 *
 * Read from the signature only (after a "-- " line, else the last lines before the quoted history), and only numbers
 * that say what they are (Tel, Mobile, 手机, 電話, …) or are written internationally (+…, 00…): an order or ticket
 * number in the text is no phone number.
 */
const QUOTE_START = /^(?:>|on .{1,200} wrote:\s*$|在.{1,100}写道[:：]\s*$|-{2,}\s*original message\s*-{2,}|-{2,}\s*原始邮件\s*-{2,}|from:\s|发件人[:：])/i;
const LABEL = /(?:\b(?:tel|telephone|phone|ph|mobile|mob|cell|cellphone|whatsapp|t|m|p)\b\.?\s*[:：]?|手机|手機|电话|電話|座机|联系电话|聯絡電話|微信)\s*[:：]?\s*$/i;
const NUMBER = /(?:\+|00)?\(?\d[\d\s().\-/]{6,22}\d/g;
const MAX_LINES = 8;

export function signaturePhones(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const body: string[] = [];
  for (const line of lines) {
    if (QUOTE_START.test(line.trim())) break;
    body.push(line);
  }
  const delimiter = body.findIndex((l) => l === '-- ' || l.trim() === '--');
  const block = (delimiter >= 0 ? body.slice(delimiter + 1) : body.filter((l) => l.trim() !== '').slice(-MAX_LINES)).slice(0, MAX_LINES * 2);
  const out: string[] = [];
  for (const line of block) {
    for (const m of line.matchAll(NUMBER)) {
      const raw = m[0].trim();
      const digits = raw.replace(/\D/g, '');
      if (digits.length < 8 || digits.length > 15) continue;
      if (/^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(raw)) continue; // a date
      const labelled = LABEL.test(line.slice(0, m.index));
      const international = raw.startsWith('+') || raw.startsWith('00');
      if ((labelled || international) && !out.includes(raw)) out.push(raw);
      if (out.length === 2) return out;
    }
  }
  return out;
}
