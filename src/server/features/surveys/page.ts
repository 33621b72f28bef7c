import { SURVEY_DIMENSION_QUESTIONS, surveyText, type SurveyTexts } from '../../../shared/features/surveys';

/**
 * The survey page (issue 18): plain HTML, no script, one column, large tap targets, the scales' ends in words, in
 * the customer's language. Everything shown is escaped; the page is served with a CSP that allows no script at all.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const SURVEY_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 19px; line-height: 1.5; color: #1f2933; background: #f4f6f8; margin: 0; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 0.75rem; }
fieldset { border: 1px solid #c3cad3; border-radius: 10px; background: #fff; margin: 0 0 1rem; padding: 0.75rem; }
legend { font-weight: 600; padding: 0 0.25rem; }
.scale { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.5rem 0 0.25rem; }
.scale label { flex: 1 0 2.9rem; min-height: 2.9rem; display: flex; align-items: center; justify-content: center; border: 2px solid #5f6b7a; border-radius: 8px; background: #fff; cursor: pointer; font-weight: 600; }
.scale input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.scale input:checked + span { color: #fff; }
.scale label:has(input:checked) { background: #1857b8; border-color: #1857b8; color: #fff; }
.scale label:has(input:focus-visible) { outline: 3px solid #b45309; outline-offset: 2px; }
.ends { display: flex; justify-content: space-between; gap: 1rem; font-size: 0.9rem; color: #5f6b7a; }
textarea { width: 100%; box-sizing: border-box; min-height: 7rem; font: inherit; padding: 0.5rem; border: 2px solid #5f6b7a; border-radius: 8px; }
button { width: 100%; min-height: 3.2rem; font: inherit; font-weight: 700; color: #fff; background: #1857b8; border: 0; border-radius: 10px; cursor: pointer; }
.note { background: #fff; border-radius: 10px; padding: 1rem; border-left: 6px solid #1857b8; }
.error { border-left-color: #c62828; }
`;

function layout(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function scale(name: string, question: string, from: number, to: number, ends: readonly [string, string] | readonly string[]): string {
  const options = Array.from({ length: to - from + 1 }, (_, i) => from + i)
    .map((n) => `<label><input type="radio" name="${name}" value="${n}"><span>${n}</span></label>`)
    .join('');
  return `<fieldset data-question="${name}"><legend>${esc(question)}</legend><div class="scale">${options}</div><div class="ends"><span>${esc(ends[0]!)}</span><span>${esc(ends[1]!)}</span></div></fieldset>`;
}

export function surveyFormPage(language: string, action: string, problem: string | null = null): string {
  const t: SurveyTexts = surveyText(language);
  const dims = SURVEY_DIMENSION_QUESTIONS.map((d) => scale(`dim_${d}`, t.dimension[d], 1, 5, t.dimensionEnds)).join('');
  return layout(
    language,
    t.title,
    `<h1>${esc(t.title)}</h1><p>${esc(t.intro)}</p>${problem ? `<p class="note error" role="alert">${esc(problem)}</p>` : ''}
<form method="post" action="${esc(action)}">
${scale('csat', t.csat, 1, 5, t.csatEnds)}
${scale('nps', t.nps, 0, 10, t.npsEnds)}
${scale('ces', t.ces, 1, 7, t.cesEnds)}
<details><summary>${esc(t.more)}</summary>${dims}</details>
<fieldset><legend><label for="comment">${esc(t.comment)}</label></legend><textarea id="comment" name="comment" maxlength="4000"></textarea></fieldset>
<button type="submit">${esc(t.send)}</button>
</form>`,
  );
}

/** A page that only says something: thanks, closed, already answered, not valid. */
export function surveyNotePage(language: string, text: string, kind: 'ok' | 'error'): string {
  const t = surveyText(language);
  return layout(language, t.title, `<h1>${esc(t.title)}</h1><p class="note${kind === 'error' ? ' error' : ''}" role="${kind === 'error' ? 'alert' : 'status'}" data-outcome="${kind}">${esc(text)}</p>`);
}
