import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { useBridge } from '../../kernel/app/bridge-context';
import { errorCodeOf, errorKey } from '../../kernel/state/errors';

/** Bytes from the bridge's base64, saved as a file the browser (or Electron) downloads; nothing stays on disk here. */
function saveFile(filename: string, mimeType: string, base64: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The record's export (issue 12): JSON for systems, PDF for the file; online only (the server builds both). */
export function ComplaintExport({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  async function run(format: 'json' | 'pdf') {
    setBusy(true);
    setError(null);
    try {
      const file = await bridge.call('complaint.export', { caseId, format });
      saveFile(file.filename, file.mimeType, file.base64);
    } catch (err) {
      setError(errorCodeOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="row-buttons complaint-export">
      <button type="button" className="ghost small" data-testid="complaint-export-json" disabled={busy} onClick={() => void run('json')}>
        {t('complaint.exportJson')}
      </button>
      <button type="button" className="ghost small" data-testid="complaint-export-pdf" disabled={busy} onClick={() => void run('pdf')}>
        {t('complaint.exportPdf')}
      </button>
      {error && (
        <p className="form-error" role="alert" data-testid="complaint-export-error">
          {t(errorKey(error))}
        </p>
      )}
    </div>
  );
}
