/**
 * The document of a sandboxed frame showing HTML sanitized elsewhere (an email, a knowledge article): its own CSP, no
 * referrer, links open outside, and the frame's own styles. One place, so every such frame is built alike.
 */
export function sandboxSrcdoc(body: string, opts: { csp: string; css: string }): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${opts.csp}">` +
    '<meta name="referrer" content="no-referrer"><base target="_blank">' +
    `<style>${opts.css}</style>` +
    `</head><body>${body}</body></html>`
  );
}
