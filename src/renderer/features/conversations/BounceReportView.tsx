import { useTranslation } from 'react-i18next';
import type { BounceReport } from '../../../shared/kernel/event';

/**
 * A bounce's delivery report (parsed on the server from its message/delivery-status part): who reported it,
 * each recipient with what happened and the server's reason, and which message came back (the returned part
 * is listed among the attachments by its name). Plain text only.
 */
export function BounceReportView({ report }: { report: BounceReport }) {
  const { t } = useTranslation();
  const returned = report.returnedMessage;
  return (
    <div className="tl-bounce small" data-testid="bounce-report">
      <div className="muted">
        {t('timeline.bounce.reportedBy', { sender: report.reportedBy })}
        {report.reportingMta ? ` (${report.reportingMta})` : ''}
      </div>
      {report.recipients.length > 0 && (
        <ul className="tl-bounce-recipients" aria-label={t('timeline.bounce.recipients')}>
          {report.recipients.map((r, i) => (
            <li key={`${r.recipient}-${i}`} data-action={r.action ?? ''}>
              {t('timeline.bounce.recipient', {
                recipient: r.recipient,
                action: r.action ? t(`timeline.bounce.action.${actionKey(r.action)}`, { action: r.action }) : t('timeline.bounce.action.unknown'),
              })}
              {r.status ? ` · ${r.status}` : ''}
              {r.diagnostic ? ` · ${r.diagnostic}` : ''}
            </li>
          ))}
        </ul>
      )}
      {returned && (
        <div className="muted" data-testid="bounce-returned">
          {t('timeline.bounce.returned', { subject: returned.subject ?? returned.messageId ?? '—' })}
        </div>
      )}
    </div>
  );
}

const ACTIONS = new Set(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);
function actionKey(action: string): string {
  return ACTIONS.has(action) ? action : 'other';
}
