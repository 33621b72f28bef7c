/**
 * Headers every answer carries unless its route set its own (the chat widget page sets a CSP that allows its
 * script): no sniffing, no framing, no referrer, nothing cached of the API (health data, tokens), and a CSP that
 * lets an API answer run nothing if a browser ever renders it.
 */
export function securityHeaders(url: string, set: (name: string, value: string) => void): void {
  set('x-content-type-options', 'nosniff');
  // the chat widget is embedded in vendors' pages; everything else is never framed
  if (!url.startsWith('/chat/')) set('x-frame-options', 'DENY');
  set('referrer-policy', 'no-referrer');
  set('cross-origin-resource-policy', 'same-origin');
  if (url.startsWith('/api/')) {
    set('cache-control', 'no-store');
    set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  }
}
