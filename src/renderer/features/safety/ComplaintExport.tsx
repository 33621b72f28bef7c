import { useTranslation } from 'react-i18next';
import { useBridge } from '../../kernel/app/bridge-context';
import { base64Bytes, saveFile } from '../../kernel/files/save-file';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

/** The record's export (issue 12): JSON for systems, PDF for the file; online only (the server builds both). */
export function ComplaintExport({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const { busy, error, run } = useAction();
  async function exportAs(format: 'json' | 'pdf') {
    const file = await run(() => bridge.call('complaint.export', { caseId, format }));
    if (file) saveFile(file.filename, file.mimeType, base64Bytes(file.base64));
  }
  return (
    <div className="row-buttons complaint-export">
      <button type="button" className="ghost small" data-testid="complaint-export-json" disabled={busy} onClick={() => void exportAs('json')}>
        {t('complaint.exportJson')}
      </button>
      <button type="button" className="ghost small" data-testid="complaint-export-pdf" disabled={busy} onClick={() => void exportAs('pdf')}>
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
