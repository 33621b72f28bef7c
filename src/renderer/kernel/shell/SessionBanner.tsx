import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, useSync } from '../app/bridge-context';
import { loginErrorKey } from '../state/errors';

/**
 * Below the header: that this session was opened offline (from the workstation's remembered credentials),
 * or — when the server refused the session's token (sync state `reauth`) — a sign-in again that keeps the
 * agent where they are: the desktop core keeps the cache and outbox of the same agent.
 */
export function SessionBanner() {
  const { t } = useTranslation();
  const state = useSync((s) => s.status?.state ?? null);
  const offline = useSession((s) => s.session?.offline === true);
  if (state === 'reauth') return <ReauthPrompt />;
  if (offline && state !== 'online' && state !== 'syncing') {
    return (
      <div className="banner banner-warning session-banner" role="status" data-testid="offline-signin-notice">
        {t('session.offlineNotice')}
      </div>
    );
  }
  return null;
}

function ReauthPrompt() {
  const { t } = useTranslation();
  const username = useSession((s) => s.session?.agent.username ?? '');
  const reauth = useSession((s) => s.reauth);
  const signInAgain = useSession((s) => s.signInAgain);
  const [password, setPassword] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reauth.busy || !password) return;
    await signInAgain(password);
    setPassword('');
  }

  return (
    <form className="banner banner-warning session-banner" role="alert" data-testid="reauth-prompt" onSubmit={submit} noValidate>
      <strong>{t('session.expiredTitle')}</strong>
      <span className="hint">{t('session.expiredHint')}</span>
      <label className="inline-field">
        <span className="sr-only">{t('session.expiredPassword', { username })}</span>
        <input
          data-testid="reauth-password"
          type="password"
          autoComplete="current-password"
          placeholder={t('session.expiredPassword', { username })}
          maxLength={256}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button className="primary" type="submit" data-testid="reauth-submit" disabled={reauth.busy || !password}>
        {reauth.busy ? t('session.expiredSigningIn') : t('session.expiredSubmit')}
      </button>
      {reauth.errorCode && !reauth.busy && (
        <span className="form-error" data-testid="reauth-error" data-code={reauth.errorCode}>
          {t(loginErrorKey(reauth.errorCode))}
        </span>
      )}
    </form>
  );
}
