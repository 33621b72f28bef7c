import { describe, expect, it } from 'vitest';
import { attribution, composeReply } from '../../../../src/server/channels/email/compose';

/** Issue 7b: an agent's email reply is text + HTML, quoting the customer's message, everything a person wrote escaped. */
describe('composeReply', () => {
  const quoted = { body: 'My cuff shows <b>E3</b> & beeps.\n\nSince "Monday".', from: 'Alice <Example>', occurredAt: '2026-06-15T09:00:30.000Z' };

  it('text: the reply, an attribution, the customer message as "> " lines (blank lines kept as ">")', () => {
    expect(composeReply('Please re-seat the tube.\r\nThen try again.', quoted).text).toBe(
      'Please re-seat the tube.\nThen try again.\n\nOn 2026-06-15 09:00 UTC, Alice <Example> wrote:\n> My cuff shows <b>E3</b> & beeps.\n>\n> Since "Monday".\n',
    );
  });

  it('HTML: the reply in paragraphs, the quote in a blockquote; the customer\'s markup, name and the agent\'s text are escaped', () => {
    const { html } = composeReply('Use <script>alert(1)</script> & wait.\nOK?', quoted);
    expect(html).toContain('<p>Use &lt;script&gt;alert(1)&lt;/script&gt; &amp; wait.<br>\nOK?</p>');
    expect(html).toContain('<p>On 2026-06-15 09:00 UTC, Alice &lt;Example&gt; wrote:</p>');
    expect(html).toMatch(/<blockquote type="cite"[^>]*>\n<p>My cuff shows &lt;b&gt;E3&lt;\/b&gt; &amp; beeps.<\/p>\n<p>Since &quot;Monday&quot;.<\/p>\n<\/blockquote>/);
    expect(html).not.toMatch(/<script|<b>|src=|https?:/);
  });

  it('no message to quote: the reply alone in both parts', () => {
    expect(composeReply('Thanks!', null)).toEqual({
      text: 'Thanks!\n',
      html: '<!doctype html><html><head><meta charset="utf-8"></head><body>\n<div class="omnidesk-reply">\n<p>Thanks!</p>\n</div>\n</body></html>\n',
    });
    expect(composeReply('Thanks!', { ...quoted, body: '   ' }).text).toBe('Thanks!\n');
  });

  it('a very long customer message is quoted shortened', () => {
    const { text } = composeReply('ok', { ...quoted, body: 'x'.repeat(30_000) });
    expect(text.length).toBeLessThan(21_000);
    expect(text).toContain('> […]');
  });

  it('attribution without a name or a date', () => {
    expect(attribution({ body: 'b', from: null, occurredAt: '2026-06-15T09:00:00Z' })).toBe('On 2026-06-15 09:00 UTC, you wrote:');
    expect(attribution({ body: 'b', from: 'Bo', occurredAt: 'nonsense' })).toBe('Bo wrote:');
  });
});
