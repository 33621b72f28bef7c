import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sandboxSrcdoc } from '../../kernel/components/sandbox-doc';

/** The attribute the server's sanitizer moves remote image URLs to (src/server/channels/email/sanitize.ts). */
export const REMOTE_SRC_ATTR = 'data-remote-src';

const CSP_BLOCKED = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const CSP_REMOTE = "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:";

/** Whether the (server-sanitized) HTML has remote images the agent could allow. */
export function hasRemoteImages(html: string): boolean {
  return html.includes(`${REMOTE_SRC_ATTR}="https://`);
}

/**
 * Puts remote https images back into `src`. The server's sanitizer serialises every tag with quoted,
 * escaped attribute values and escapes `<` in text, so an `<img …>` match is always a real tag.
 */
export function revealRemoteImages(html: string): string {
  return html.replace(/<img\b[^>]*>/g, (tag) => tag.replace(/\sdata-remote-src="(https:\/\/[^"]*)"/, ' src="$1"'));
}

/**
 * The document shown in the frame: a strict CSP (no scripts, no connections, styles inline only, images
 * from data: only — or https: too once the agent allowed remote images), links open outside.
 */
export function buildSrcdoc(html: string, allowRemote: boolean): string {
  const csp = allowRemote ? CSP_REMOTE : CSP_BLOCKED;
  const body = allowRemote ? revealRemoteImages(html) : html;
  return sandboxSrcdoc(body, { csp, css: 'body{font:14px/1.45 system-ui,sans-serif;margin:8px;color:#1f2328;overflow-wrap:anywhere}img{max-width:100%;height:auto}' });
}

/**
 * An email's HTML (already sanitized on the server) in a sandboxed frame: `sandbox=""` (no scripts, no
 * same-origin, no forms, no popups) and the CSP above. Remote images stay blocked until the agent asks.
 */
export function EmailHtml({ html }: { html: string }) {
  const { t } = useTranslation();
  const [allowRemote, setAllowRemote] = useState(false);
  const remote = useMemo(() => hasRemoteImages(html), [html]);
  const doc = useMemo(() => buildSrcdoc(html, allowRemote), [html, allowRemote]);
  return (
    <div className="tl-email-html" data-testid="email-html">
      {remote && !allowRemote && (
        <div className="tl-email-remote muted small" data-testid="email-remote-blocked">
          {t('timeline.email.remoteBlocked')}{' '}
          <button type="button" className="link small" data-testid="email-show-remote" onClick={() => setAllowRemote(true)}>
            {t('timeline.email.showRemote')}
          </button>
        </div>
      )}
      <iframe
        className="tl-email-frame"
        data-testid="email-frame"
        title={t('timeline.email.frameTitle')}
        sandbox=""
        referrerPolicy="no-referrer"
        srcDoc={doc}
        style={{ width: '100%', height: 320, border: '1px solid #d0d7de', borderRadius: 4, resize: 'vertical', background: '#fff' }}
      />
    </div>
  );
}
