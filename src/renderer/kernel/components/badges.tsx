import { useTranslation } from 'react-i18next';
import type { CaseStatus, Priority } from '../../../shared/kernel/case';
import type { EventChannel } from '../../../shared/kernel/primitives';

/** Channel as a coloured badge that also says its name, so colour is never the only cue. */
export function ChannelBadge({ channel }: { channel: EventChannel | null }) {
  const { t } = useTranslation();
  if (channel === null) return <span className="muted">{t('common.none')}</span>;
  return (
    <span className={`badge channel channel-${channel}`} data-channel={channel}>
      {t(`channel.${channel}`)}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <span className={`badge priority priority-${priority}`} title={t(`priority.description.${priority}`)}>
      {t(`priority.${priority}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <span className={`status status-${status}`}>{t(`status.${status}`)}</span>;
}

export function VipBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge vip" title={t('common.vipLong')} aria-label={t('common.vipLong')}>
      {t('common.vip')}
    </span>
  );
}
