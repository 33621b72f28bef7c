import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { useSession } from '../../kernel/app/bridge-context';
import { LanguageSwitch } from '../../kernel/shell/LanguageSwitch';

function errorKey(code: ErrorCode): 'password.error.policy' | 'password.error.wrongCurrent' | 'password.error.generic' {
  if (code === 'INVALID_ARGUMENT') return 'password.error.policy';
  if (code === 'UNAUTHENTICATED') return 'password.error.wrongCurrent';
  return 'password.error.generic';
}

/**
 * "Change password". Shown instead of the app after a sign-in with a one-time password (the server refuses
 * everything else until it is changed); the policy itself is the server's (src/shared/features/accounts).
 */
export function ChangePasswordView() {
  const { t } = useTranslation();
  const changePassword = useSession((s) => s.changePassword);
  const logout = useSession((s) => s.logout);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || !current || !next) return;
    if (next !== repeat) {
      setError('password.mismatch');
      return;
    }
    setBusy(true);
    setError(null);
    const code = await changePassword({ currentPassword: current, newPassword: next });
    setBusy(false);
    if (code) setError(errorKey(code));
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="password-title" data-testid="change-password">
        <div className="login-top">
          <span className="brand">{t('app.name')}</span>
          <LanguageSwitch />
        </div>
        <h1 id="password-title">{t('password.title')}</h1>
        <p className="muted">{t('password.forced')}</p>
        <label className="field">
          <span>{t('password.current')}</span>
          <input data-testid="password-current" type="password" autoComplete="current-password" maxLength={256} value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('password.new')}</span>
          <input data-testid="password-new" type="password" autoComplete="new-password" maxLength={256} value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('password.repeat')}</span>
          <input data-testid="password-repeat" type="password" autoComplete="new-password" maxLength={256} value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </label>
        <p className="muted">{t('password.policy')}</p>
        {error && (
          <p className="form-error" role="alert" data-testid="password-error">
            {t(error as 'password.mismatch')}
          </p>
        )}
        <button className="primary" type="submit" data-testid="password-submit" disabled={busy || !current || !next}>
          {busy ? t('password.submitting') : t('password.submit')}
        </button>
        <button type="button" onClick={() => void logout()}>
          {t('header.logout')}
        </button>
      </form>
    </main>
  );
}
