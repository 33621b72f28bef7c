import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface OneTimePasswordProps {
  username: string;
  password: string;
  /** a new agent, or a reset */
  reason: 'created' | 'reset';
  onDone(): void;
}

/**
 * The one-time password of a new agent or a reset, shown this once: the view holds it only until "Done" (or until
 * it is left); the desktop and the server keep no copy in clear.
 */
export function OneTimePassword({ username, password, reason, onDone }: OneTimePasswordProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <section className="one-time-password" role="status" aria-labelledby="otp-title" data-testid="one-time-password">
      <h2 id="otp-title">{reason === 'created' ? t('accounts.otp.createdTitle', { username }) : t('accounts.otp.resetTitle', { username })}</h2>
      <p>
        <code className="otp-value" data-testid="one-time-password-value">
          {password}
        </code>
      </p>
      <p className="hint">{t('accounts.otp.hint')}</p>
      <div className="row-actions">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard
              .writeText(password)
              .then(() => setCopied(true))
              .catch(() => setCopied(false))
          }
        >
          {t('accounts.otp.copy')}
        </button>
        <button type="button" className="primary" data-testid="one-time-password-done" onClick={onDone}>
          {t('accounts.otp.done')}
        </button>
        {copied !== null && <span className="muted">{copied ? t('accounts.otp.copied') : t('accounts.otp.copyFailed')}</span>}
      </div>
    </section>
  );
}
