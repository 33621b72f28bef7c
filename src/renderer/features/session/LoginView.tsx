import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../kernel/app/bridge-context';
import { loginErrorKey } from '../../kernel/state/errors';
import { LanguageSwitch } from '../../kernel/shell/LanguageSwitch';

/** Sign-in form. The session is resumed (session.current) by App before this shows. */
export function LoginView() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const errorCode = useSession((s) => s.errorCode);
  const login = useSession((s) => s.login);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [triedServerUrl, setTriedServerUrl] = useState(false);
  const busy = status === 'signing_in';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || !username.trim() || !password) return;
    const url = serverUrl.trim();
    setTriedServerUrl(url !== '');
    const ok = await login({ username: username.trim(), password, ...(url ? { serverUrl: url } : {}) });
    if (!ok) setPassword('');
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div className="login-top">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>

        <label className="field">
          <span>{t('login.username')}</span>
          <input
            data-testid="login-username"
            name="username"
            autoComplete="username"
            autoFocus
            required
            maxLength={64}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={256}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>

        <details className="advanced">
          <summary>{t('login.advanced')}</summary>
          <label className="field">
            <span>{t('login.serverUrl')}</span>
            <input
              data-testid="login-server-url"
              name="serverUrl"
              type="url"
              inputMode="url"
              placeholder="http://127.0.0.1:4000"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.target.value)}
            />
            <small className="muted">{t('login.serverUrlHint')}</small>
          </label>
        </details>

        {errorCode && !busy && (
          <p className="form-error" role="alert" data-testid="login-error" data-code={errorCode}>
            {t(loginErrorKey(errorCode, triedServerUrl))}
          </p>
        )}

        <button
          className="primary"
          type="submit"
          data-testid="login-submit"
          disabled={busy || !username.trim() || !password}
        >
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
