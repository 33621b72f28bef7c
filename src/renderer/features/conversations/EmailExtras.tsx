import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPLY_ATTACHMENTS, MAX_REPLY_ATTACHMENT_BYTES, MAX_REPLY_CC, type Attachment } from '../../../shared/kernel/event';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorCodeOf, errorKey } from '../../kernel/state/errors';

/** Addresses typed into the Cc field: split at commas, semicolons or spaces; the ones that are not addresses named. */
export function parseCc(text: string): { cc: string[]; invalid: string[] } {
  const parts = text.split(/[,;\s]+/).map((p) => p.trim()).filter(Boolean);
  const cc = [...new Set(parts.filter((p) => /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(p)).map((p) => p.toLowerCase()))];
  return { cc, invalid: parts.filter((p) => !cc.includes(p.toLowerCase())) };
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * Cc and files for an email reply (issue 15). Files are uploaded when picked, or kept in the cache while the server
 * is away and uploaded before the reply is pushed (the server refuses a reply with a file its author did not
 * upload); the reply carries their references.
 */
export function EmailExtras({ cc, setCc, files, setFiles }: { cc: string; setCc(v: string): void; files: Attachment[]; setFiles(f: Attachment[]): void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [uploading, setUploading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const { invalid } = parseCc(cc);

  const attach = async (list: FileList | null) => {
    if (!list) return;
    setFailed(null);
    setUploading(true);
    try {
      const added: Attachment[] = [];
      for (const f of [...list].slice(0, MAX_REPLY_ATTACHMENTS - files.length)) {
        if (f.size > MAX_REPLY_ATTACHMENT_BYTES) {
          setFailed(t('errors.PAYLOAD_TOO_LARGE'));
          continue;
        }
        added.push(await bridge.call('attachment.upload', { filename: f.name || 'file', contentType: f.type || 'application/octet-stream', dataBase64: await base64Of(f) }));
      }
      setFiles([...files, ...added]);
    } catch (err) {
      setFailed(t(errorKey(errorCodeOf(err))));
    } finally {
      setUploading(false);
    }
  };

  return (
    <div className="composer-email-extras">
      <label className="inline-field">
        <span>{t('composer.cc')}</span>
        <input data-testid="composer-cc" type="text" inputMode="email" placeholder={t('composer.ccPlaceholder')} value={cc} maxLength={MAX_REPLY_CC * 80} onChange={(e) => setCc(e.target.value)} />
      </label>
      <label className="inline-field">
        <span className="sr-only">{t('composer.attach')}</span>
        <input data-testid="composer-attach" type="file" multiple disabled={uploading || files.length >= MAX_REPLY_ATTACHMENTS} onChange={(e) => void attach(e.target.files).then(() => (e.target.value = ''))} />
      </label>
      {uploading && <span className="hint small">{t('composer.uploading')}</span>}
      {files.length > 0 && (
        <ul className="composer-files" data-testid="composer-files">
          {files.map((f) => (
            <li key={f.sha256}>
              {f.filename}
              <button type="button" className="ghost small" aria-label={t('composer.removeAttachment', { name: f.filename })} onClick={() => setFiles(files.filter((x) => x.sha256 !== f.sha256))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {invalid.length > 0 && (
        <p className="form-error small" role="alert" data-testid="composer-cc-invalid">
          {t('composer.ccInvalid', { value: invalid[0] })}
        </p>
      )}
      {failed && (
        <p className="form-error small" role="alert" data-testid="composer-attach-failed">
          {t('composer.attachFailed', { reason: failed })}
        </p>
      )}
    </div>
  );
}
