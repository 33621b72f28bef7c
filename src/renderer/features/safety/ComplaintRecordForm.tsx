import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ComplainantRole, DeviceUse, Reportability, type ComplaintRecord } from '../../../shared/kernel/complaint';
import type { Agent } from '../../../shared/kernel/agent';
import type { Case } from '../../../shared/kernel/case';
import type { Device } from '../../../shared/kernel/customer';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { can } from '../../../shared/kernel/permissions';
import { deviceName } from '../../../shared/features/safety/prefill';
import { useBridge } from '../../kernel/app/bridge-context';
import { EnumSelect } from '../../kernel/components/EnumSelect';
import { useLanguage } from '../../kernel/app/hooks';
import { formatDateTime } from '../../kernel/i18n/format';
import { errorCodeOf, errorKey } from '../../kernel/state/errors';
import { ComplaintExport } from './ComplaintExport';
import { complaintPatch, draftOf, textValue, triParse, triValue, type ComplaintDraft } from './complaint-form-model';

const RELATIONS = ['self', 'child', 'parent', 'spouse', 'other'] as const;
const TRI = ['yes', 'no'] as const;
const DEVICE_TEXT = ['name', 'model', 'udi', 'serial', 'lot', 'firmware', 'appVersion'] as const;
const PATIENT = ['injury', 'medicalIntervention', 'hospitalisation', 'death'] as const;
const SEVERITY = ['remedialActionNeeded', 'seriousDeterioration', 'publicHealthThreat'] as const;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A yes / no / not known select. */
function Tri({ id, label, value, disabled, onChange }: { id: string; label: string; value: boolean | null; disabled: boolean; onChange(v: boolean | null): void }) {
  const { t } = useTranslation();
  return (
    <EnumSelect
      label={label}
      testId={`complaint-field-${id}`}
      disabled={disabled}
      value={triValue(value)}
      options={TRI}
      optionLabel={(v) => t(`complaint.${v}`)}
      emptyLabel={t('complaint.unknown')}
      onChange={(v) => onChange(triParse(v))}
    />
  );
}

/**
 * The complaint and adverse-event record (issue 12): pre-filled when the flag was confirmed, completed here by a
 * specialist or lead (others read it), saved as one patch of what changed; the reportability decision with its
 * rationale is a step of its own, recorded with the decider's name.
 */
export function ComplaintRecordForm({ c, record, me, devices }: { c: Case; record: ComplaintRecord; me: Agent; devices: readonly Device[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const bridge = useBridge();
  const editor = can(me.role, 'safety.review');
  const [draft, setDraft] = useState<ComplaintDraft>(() => draftOf(record));
  const [fieldErrors, setFieldErrors] = useState<string[]>([]);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [saved, setSaved] = useState(false);
  const [reportability, setReportability] = useState<Reportability | ''>(record.decision?.reportability ?? '');
  const [rationale, setRationale] = useState('');
  const set = <K extends keyof ComplaintDraft>(k: K, v: ComplaintDraft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [k]: v }));
  };
  const text = (raw: string) => textValue(raw);

  async function save() {
    setError(null);
    const p = complaintPatch(record, draft);
    if (!p.ok) return setFieldErrors(p.errors.map((e) => `${e.field}: ${e.message}`));
    setFieldErrors([]);
    if (Object.keys(p.patch).length === 0) return setSaved(true);
    try {
      await bridge.call('complaint.update', { caseId: c.id, patch: p.patch });
      setSaved(true);
    } catch (err) {
      setError(errorCodeOf(err));
    }
  }
  async function decide() {
    if (reportability === '') return;
    setError(null);
    try {
      await bridge.call('complaint.decide', { caseId: c.id, reportability, rationale: rationale.trim() });
      setRationale('');
    } catch (err) {
      setError(errorCodeOf(err));
    }
  }
  const off = !editor;

  return (
    <div className="complaint-record" data-testid="complaint-record" data-decided={record.decision ? record.decision.reportability : ''}>
      <h4>{t('complaint.title')}</h4>
      <p className="muted small">
        {t('complaint.received', { time: formatDateTime(record.receivedAt, lang), channel: record.channel ? t(`channel.${record.channel}`) : t('complaint.unknown') })}
      </p>
      {!editor && <p className="muted small">{t('complaint.readOnly')}</p>}

      <fieldset disabled={off}>
        <legend>{t('complaint.complainant')}</legend>
        <EnumSelect
          label={t('complaint.field.complainantRole')}
          testId="complaint-field-complainantRole"
          value={draft.complainantRole ?? ''}
          options={ComplainantRole.options}
          optionLabel={(o) => t(`complaint.role.${o}`)}
          emptyLabel={t('complaint.unknown')}
          onChange={(v) => set('complainantRole', v === '' ? null : v)}
        />
        <EnumSelect
          label={t('complaint.field.patientRelation')}
          testId="complaint-field-patientRelation"
          value={draft.patientRelation ?? ''}
          options={RELATIONS}
          optionLabel={(o) => t(`complaint.relation.${o}`)}
          emptyLabel={t('complaint.unknown')}
          onChange={(v) => set('patientRelation', v === '' ? null : v)}
        />
      </fieldset>

      <fieldset disabled={off}>
        <legend>{t('complaint.device')}</legend>
        {editor && devices.length > 1 && (
          <div className="row-buttons">
            {devices.map((d, i) => (
              <button
                key={d.serial}
                type="button"
                className="ghost small"
                data-testid={`complaint-device-pick-${i}`}
                onClick={() => set('device', { ...draft.device, name: deviceName(d.kind), kind: d.kind, model: d.model, serial: d.serial, firmware: d.firmware })}
              >
                {deviceName(d.kind)} · {d.model} · {d.serial}
              </button>
            ))}
          </div>
        )}
        {DEVICE_TEXT.map((f) => (
          <Field key={f} label={t(`complaint.field.device.${f}`)}>
            <input data-testid={`complaint-field-device-${f}`} value={draft.device[f] ?? ''} maxLength={200} onChange={(e) => set('device', { ...draft.device, [f]: text(e.target.value) })} />
          </Field>
        ))}
      </fieldset>

      <fieldset disabled={off}>
        <legend>{t('complaint.event')}</legend>
        <Field label={t('complaint.field.eventDate')}>
          <input type="date" data-testid="complaint-field-eventDate" value={draft.eventDate ?? ''} onChange={(e) => set('eventDate', text(e.target.value))} />
        </Field>
        <Field label={t('complaint.field.narrative')}>
          <textarea data-testid="complaint-field-narrative" rows={3} maxLength={8000} value={draft.narrative ?? ''} onChange={(e) => set('narrative', e.target.value === '' ? null : e.target.value)} />
        </Field>
        {PATIENT.map((f) => (
          <Tri key={f} id={`patient-${f}`} label={t(`complaint.field.patient.${f}`)} disabled={off} value={draft.patient[f]} onChange={(v) => set('patient', { ...draft.patient, [f]: v })} />
        ))}
        <EnumSelect
          label={t('complaint.field.deviceUse')}
          testId="complaint-field-deviceUse"
          value={draft.deviceUse ?? ''}
          options={DeviceUse.options}
          optionLabel={(o) => t(`complaint.use.${o}`)}
          emptyLabel={t('complaint.unknown')}
          onChange={(v) => set('deviceUse', v === '' ? null : v)}
        />
        <Field label={t('complaint.field.relationToEvent')}>
          <textarea data-testid="complaint-field-relationToEvent" rows={2} maxLength={2000} value={draft.relationToEvent ?? ''} onChange={(e) => set('relationToEvent', e.target.value === '' ? null : e.target.value)} />
        </Field>
        <Field label={t('complaint.field.country')}>
          <input data-testid="complaint-field-country" value={draft.country ?? ''} maxLength={2} placeholder="US, DE, CN" onChange={(e) => set('country', text(e.target.value.toUpperCase()))} />
        </Field>
        {SEVERITY.map((f) => (
          <Tri key={f} id={`severity-${f}`} label={t(`complaint.field.severity.${f}`)} disabled={off} value={draft.severity[f]} onChange={(v) => set('severity', { ...draft.severity, [f]: v })} />
        ))}
      </fieldset>

      <fieldset disabled={off}>
        <legend>{t('complaint.followUp')}</legend>
        <Field label={t('complaint.field.investigationRef')}>
          <input data-testid="complaint-field-investigationRef" maxLength={200} value={draft.investigationRef ?? ''} onChange={(e) => set('investigationRef', text(e.target.value))} />
        </Field>
        <Field label={t('complaint.field.correctiveActionRef')}>
          <input data-testid="complaint-field-correctiveActionRef" maxLength={200} value={draft.correctiveActionRef ?? ''} onChange={(e) => set('correctiveActionRef', text(e.target.value))} />
        </Field>
        <Field label={t('complaint.field.replySent')}>
          <textarea data-testid="complaint-field-replySent" rows={2} maxLength={8000} value={draft.replySent ?? ''} onChange={(e) => set('replySent', e.target.value === '' ? null : e.target.value)} />
        </Field>
        {(['fdaReport', 'euReport'] as const).map((k) => (
          <div key={k} className="report-fields">
            <Field label={t(`complaint.field.${k}.reference`)}>
              <input
                data-testid={`complaint-field-${k}-reference`}
                maxLength={200}
                value={draft[k]?.reference ?? ''}
                onChange={(e) => {
                  const reference = e.target.value.trim();
                  set(k, reference === '' ? null : { submittedAt: draft[k]?.submittedAt ?? new Date().toISOString(), reference });
                }}
              />
            </Field>
            {draft[k] && <span className="muted small">{t('complaint.submittedAt', { time: formatDateTime(draft[k].submittedAt, lang) })}</span>}
          </div>
        ))}
      </fieldset>

      {editor && (
        <div className="row-buttons">
          <button type="button" data-testid="complaint-save" onClick={() => void save()}>
            {t('complaint.save')}
          </button>
          {saved && (
            <span className="muted small" data-testid="complaint-saved" role="status">
              {t('complaint.saved')}
            </span>
          )}
        </div>
      )}
      {fieldErrors.length > 0 && (
        <ul className="form-error" role="alert" data-testid="complaint-errors">
          {fieldErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}

      <div className="complaint-decision">
        <h5>{t('complaint.decision')}</h5>
        {record.decision ? (
          <p data-testid="complaint-decision" data-reportability={record.decision.reportability}>
            <strong>{t(`complaint.reportability.${record.decision.reportability}`)}</strong> —{' '}
            {t('complaint.decidedBy', { name: record.decision.decidedByName, time: formatDateTime(record.decision.decidedAt, lang) })}
            <br />
            <span className="small">{record.decision.rationale}</span>
          </p>
        ) : (
          <p className="muted small">{t('complaint.undecided')}</p>
        )}
        {editor && (
          <div className="decide-form">
            <EnumSelect
              label={t('complaint.field.reportability')}
              testId="complaint-reportability"
              value={reportability}
              options={Reportability.options}
              optionLabel={(o) => t(`complaint.reportability.${o}`)}
              emptyLabel="—"
              onChange={(v: Reportability | '') => setReportability(v)}
            />
            <Field label={t('complaint.field.rationale')}>
              <textarea data-testid="complaint-rationale" rows={2} maxLength={4000} value={rationale} onChange={(e) => setRationale(e.target.value)} />
            </Field>
            <button type="button" data-testid="complaint-decide" disabled={reportability === '' || rationale.trim() === ''} onClick={() => void decide()}>
              {t('complaint.decide')}
            </button>
          </div>
        )}
      </div>
      {editor && <ComplaintExport caseId={c.id} />}
      {error && (
        <p className="form-error" role="alert" data-testid="complaint-error">
          {t(errorKey(error))}
        </p>
      )}
    </div>
  );
}
