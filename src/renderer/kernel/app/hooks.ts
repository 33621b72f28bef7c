import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, type AppLanguage } from '../i18n/index';

/** The current time, re-read every `intervalMs`, so SLA colours turn red while the page is open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** The UI language (re-renders on switch), for Intl formatting. */
export function useLanguage(): AppLanguage {
  const { i18n } = useTranslation();
  return currentLanguage(i18n);
}
