/**
 * A message's content other than its text (issue 10): pictures and files read from the attachment store through the
 * bridge, locations, contacts, answers, and why a file is missing.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Event, MessagePart } from '../../../shared/kernel/event';
import { base64Bytes, saveFile } from '../../kernel/files/save-file';
import { useBridge } from '../../kernel/app/bridge-context';
import { formatCoordinates, type FailedFile, type StoredFile } from './timeline-model';

/** Image types a picture is shown for (anything else is offered as a file). */
const SHOWN_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Fetches a stored file through the bridge (the server checks visibility); null while loading, 'error' when it failed. */
function useAttachment(file: StoredFile | undefined, enabled: boolean): { url: string | null; error: boolean } {
  const bridge = useBridge();
  const [state, setState] = useState<{ url: string | null; error: boolean }>({ url: null, error: false });
  const eventId = file?.eventId;
  const sha256 = file?.attachment.sha256;
  useEffect(() => {
    if (!enabled || !eventId || !sha256) return;
    let live = true;
    bridge.call('attachment.get', { eventId, sha256 }).then(
      (r) => live && setState({ url: `data:${r.contentType.split(';')[0] ?? 'application/octet-stream'};base64,${r.dataBase64}`, error: false }),
      () => live && setState({ url: null, error: true }),
    );
    return () => {
      live = false;
    };
  }, [bridge, enabled, eventId, sha256]);
  return state;
}

/** A picture from the attachment store (WhatsApp / Messenger image or sticker). */
function PartImage({ file, alt }: { file: StoredFile; alt: string }) {
  const { t } = useTranslation();
  const { url, error } = useAttachment(file, true);
  if (error) return <span className="muted small" data-testid="timeline-media-error">{t('timeline.media.unavailable')}</span>;
  if (!url) return <span className="muted small">{t('timeline.media.loading')}</span>;
  return <img className="tl-image" data-testid="timeline-image" src={url} alt={alt} data-sha256={file.attachment.sha256} />;
}

/** A file name the agent clicks to save the file (documents, audio, video, other images). */
export function PartFile({ file }: { file: StoredFile }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [failed, setFailed] = useState(false);
  const save = () => {
    setFailed(false);
    bridge.call('attachment.get', { eventId: file.eventId, sha256: file.attachment.sha256 }).then(
      (r) => saveFile(file.attachment.filename, r.contentType, base64Bytes(r.dataBase64)),
      () => setFailed(true),
    );
  };
  return (
    <>
      <button type="button" className="link small tl-file" data-testid="timeline-file" onClick={save}>
        {file.attachment.filename} ({Math.max(1, Math.round(file.attachment.size / 1024))} KB)
      </button>
      {failed && <span className="muted small"> {t('timeline.media.unavailable')}</span>}
    </>
  );
}

/** What a social message carried besides text (issue 10): media, location, contacts, the answer picked, a link. */
export function MessageParts({ e, parts, files }: { e: Event; parts: readonly MessagePart[]; files?: ReadonlyMap<string, StoredFile | FailedFile> }) {
  const { t } = useTranslation();
  return (
    <div className="tl-parts">
      {parts.map((p, i) => {
        const key = `${e.id}:${i}`;
        switch (p.type) {
          case 'image':
          case 'sticker':
          case 'document':
          case 'audio':
          case 'video': {
            const file = files?.get(key);
            const label = p.type === 'audio' && p.voice ? t('timeline.media.voice') : t(`timeline.media.${p.type}`);
            return (
              <div key={key} className={`tl-part tl-media tl-media-${p.type}`} data-testid="timeline-part" data-part={p.type}>
                <span className="tl-part-label muted small">{label}</span>{' '}
                {p.caption && (
                  <span className="tl-caption" data-testid="timeline-caption">
                    {p.caption}{' '}
                  </span>
                )}
                {file && 'failed' in file ? (
                  <span className="muted small" data-testid="timeline-media-failed" data-reason={file.failed}>
                    {p.filename ? `${p.filename} · ` : ''}
                    {t(`timeline.media.failed.${file.failed}`)}
                  </span>
                ) : file ? (
                  (p.type === 'image' || p.type === 'sticker') && SHOWN_IMAGES.has(file.attachment.contentType.split(';')[0] ?? '') ? (
                    <PartImage file={file} alt={p.caption ?? label} />
                  ) : (
                    <PartFile file={file} />
                  )
                ) : (
                  <span className="muted small" data-testid="timeline-media-pending">
                    {p.filename ? `${p.filename} · ` : ''}
                    {t('timeline.media.pending')}
                  </span>
                )}
              </div>
            );
          }
          case 'location':
            return (
              <div key={key} className="tl-part tl-location" data-testid="timeline-part" data-part="location">
                <span className="tl-part-label muted small">{t('timeline.media.location')}</span>{' '}
                {p.name && <strong data-testid="timeline-location-name">{p.name}</strong>}
                {p.address && <span className="tl-location-address"> {p.address}</span>}{' '}
                <span className="muted small" data-testid="timeline-location-coords">
                  ({formatCoordinates(p.latitude, p.longitude)})
                </span>
              </div>
            );
          case 'contacts':
            return (
              <div key={key} className="tl-part tl-contacts" data-testid="timeline-part" data-part="contacts">
                <span className="tl-part-label muted small">{t('timeline.media.contacts', { count: p.contacts.length })}</span>
                <ul>
                  {p.contacts.map((c, j) => (
                    <li key={j} data-testid="timeline-contact">
                      {c.name}
                      {c.phones.length > 0 && <span className="muted small"> {c.phones.join(', ')}</span>}
                    </li>
                  ))}
                </ul>
              </div>
            );
          case 'interactive':
            return (
              <div key={key} className="tl-part tl-answer" data-testid="timeline-part" data-part="interactive" data-reply-id={p.replyId ?? ''}>
                <span className="tl-part-label muted small">{t('timeline.media.answered')}</span> <strong data-testid="timeline-answer">{p.title}</strong>
                {p.description && <span className="muted small"> {p.description}</span>}
              </div>
            );
          case 'link':
            return (
              <div key={key} className="tl-part tl-link" data-testid="timeline-part" data-part="link">
                <span className="tl-part-label muted small">{t('timeline.media.link')}</span> {p.title ?? ''} {p.url && <span className="muted small">{p.url}</span>}
              </div>
            );
          case 'unsupported':
            return (
              <div key={key} className="tl-part tl-unsupported muted small" data-testid="timeline-part" data-part="unsupported">
                {t('timeline.media.unsupported', { type: p.providerType })}
              </div>
            );
          default:
            return null;
        }
      })}
    </div>
  );
}
