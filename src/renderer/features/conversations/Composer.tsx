import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../shared/kernel/errors';
import { MAX_BODY_CHARS } from '../../../shared/kernel/event';
import { useBridge, useSync } from '../../kernel/app/bridge-context';
import { insertByShortcut, shortcutQuery } from '../knowledge';
import { useCustomer } from './use-customer';
import { errorCodeOf, errorKey } from '../../kernel/state/errors';
import { canReplyOn, threadsNewestFirst } from './timeline-model';
import { useAgentTyping } from './typing';
import { ChoiceSelect } from '../../kernel/components/ChoiceSelect';
import { UnverifiedBadge } from '../identity';
import { CompensationGate, useCompensationGate } from '../escalation';
import { useReplyDraft } from './reply-draft';
import { usesNotInBody } from '../../../shared/features/knowledge';
import { macroShortcut, tagsToAdd, withSignature, type MacroListItem } from '../../../shared/features/macros';
import { matchingMacros, MacroSuggestions, useMacros } from '../macros';
import type { Attachment } from '../../../shared/kernel/event';
import { EmailExtras, parseCc } from './EmailExtras';

/**
 * Reply on the customer's own channel (the selected thread) and add internal notes. Works offline: the
 * core queues the change and the timeline shows it as "will send when online".
 */
export function Composer() {
  const { t } = useTranslation();
  const view = useCustomer((s) => s.view);
  const selectedThreadId = useCustomer((s) => s.selectedThreadId);
  const selectThread = useCustomer((s) => s.selectThread);
  const sendReply = useCustomer((s) => s.sendReply);
  const addNote = useCustomer((s) => s.addNote);
  const setTags = useCustomer((s) => s.setTags);
  const syncState = useSync((s) => s.status?.state ?? 'connecting');

  const reply = useReplyDraft((s) => s.text);
  const setReply = useReplyDraft((s) => s.set);
  const clearReply = useReplyDraft((s) => s.clear);
  // the composer is keyed by customer: a new customer starts with an empty reply
  useEffect(() => clearReply(), [clearReply]);
  const selectedCaseId = useCustomer((s) => s.selectedCaseId);
  const [note, setNote] = useState('');
  // an email reply's copies and files (issue 15)
  const [ccText, setCcText] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [sending, setSending] = useState(false);
  const [noting, setNoting] = useState(false);
  const [replyError, setReplyError] = useState<ErrorCode | null>(null);
  const [noteError, setNoteError] = useState<ErrorCode | null>(null);

  const threads = threadsNewestFirst(view?.threads ?? []);
  const cases = view?.cases ?? [];
  const thread = threads.find((x) => x.id === selectedThreadId) ?? null;
  const canReply = thread !== null && canReplyOn(thread);
  const offline = syncState === 'offline' || syncState === 'connecting' || syncState === 'reauth';
  const typing = useAgentTyping(thread);
  const gate = useCompensationGate(thread?.caseId ?? selectedCaseId, reply);
  const bridge = useBridge();
  // `??words` then Enter: the best article for those words goes in their place (the knowledge panel shows which)
  const shortcut = shortcutQuery(reply);
  // `#word`: the macros that fit; Enter puts the first in its place, filled for this customer (issue 15)
  const { macros, signature } = useMacros(view?.customer.id ?? null);
  const macroTyped = shortcut ? null : macroShortcut(reply);
  const macroMatches = macroTyped ? matchingMacros(macros, macroTyped.shortcut) : [];
  // what a macro could not fill and is still in the text as `{{…}}`
  const missing = useReplyDraft((s) => s.missing).filter((f) => reply.includes(`{{${f}}}`));
  const insertMacro = useReplyDraft((s) => s.insertMacro);
  const [macroError, setMacroError] = useState<ErrorCode | null>(null);
  const signatureText = view && thread?.channel === 'email' && signature ? signature[view.customer.language].trim() : '';

  async function applyMacro(m: MacroListItem) {
    if (!view || !macroTyped) return;
    setMacroError(null);
    try {
      const r = await bridge.call('macros.render', { macroId: m.id, customerId: view.customer.id, caseId: thread?.caseId ?? selectedCaseId });
      insertMacro(macroTyped.before, r.text, { status: r.setStatus, tags: r.addTags }, r.missing);
    } catch (err) {
      setMacroError(errorCodeOf(err));
    }
  }

  async function send(e?: FormEvent) {
    e?.preventDefault();
    // an email goes out signed (the agent's signature in the customer's language)
    const body = signatureText ? withSignature(reply.trim(), signatureText) : reply.trim();
    if (!body || sending || !canReply) return;
    setSending(true);
    setReplyError(null);
    try {
      // compensation above the agent's tier waits for a lead's yes (issue 13)
      if (!(await gate.allows(body))) return;
      // what came from an article and is still in the reply word for word; a controlled passage the agent edited is
      // kept, so the core refuses the reply and says so (it may not be changed), an edited article text is dropped
      const uses = useReplyDraft.getState().uses.filter((u) => u.mode === 'passage' || usesNotInBody(body, [u]).length === 0);
      const cc = parseCc(ccText);
      if (thread?.channel === 'email' && cc.invalid.length) return;
      await sendReply(body, uses, { cc: cc.cc, attachments: files });
      setCcText('');
      setFiles([]);
      // a macro that moves or tags the case (waiting on the customer, "photo-requested") does so once the reply is on its way
      const { status, tags } = useReplyDraft.getState();
      const caseId = thread?.caseId ?? null;
      clearReply();
      if (status && caseId) await bridge.call('case.setStatus', { caseId, status });
      const add = caseId ? tagsToAdd(view?.cases.find((c) => c.id === caseId) ?? null, tags) : [];
      if (caseId && add.length) await setTags(caseId, add, []);
    } catch (err) {
      setReplyError(errorCodeOf(err));
    } finally {
      setSending(false);
    }
  }

  async function saveNote(e?: FormEvent) {
    e?.preventDefault();
    const body = note.trim();
    if (!body || noting || !view) return;
    setNoting(true);
    setNoteError(null);
    try {
      await addNote(body);
      setNote('');
    } catch (err) {
      setNoteError(errorCodeOf(err));
    } finally {
      setNoting(false);
    }
  }

  const submitOnCtrlEnter = (fn: () => void) => (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      fn();
    }
  };

  return (
    <div className="composer">
      <form className="composer-reply" onSubmit={send}>
        <div className="composer-row">
          <ChoiceSelect
            variant="inline-field"
            label={t('composer.thread')}
            testId="thread-select"
            value={thread?.id ?? ''}
            disabled={threads.length === 0}
            {...(threads.length === 0 ? { emptyLabel: t('composer.noThreads') } : {})}
            choices={threads.map((th) => {
              const caseSubject = cases.find((c) => c.id === th.caseId)?.subject;
              const label = `${t(`channel.${th.channel}`)} · ${th.subject ?? caseSubject ?? t('composer.noSubject')}`;
              return { value: th.id, label: th.caseId === null ? `${label} (${t('composer.threadWithoutCase')})` : label };
            })}
            onChange={(id) => {
              if (id !== '') selectThread(id);
            }}
          />
          {offline && canReply && <span className="hint hint-offline">{t('composer.offlineHint')}</span>}
          {thread !== null && thread.channel === 'phone' && <span className="hint">{t('composer.phoneHint')}</span>}
          <UnverifiedBadge thread={thread} />
        </div>
        <label className="sr-only" htmlFor="composer-input">
          {t('composer.replyLabel')}
        </label>
        <div className="composer-row">
          <textarea
            id="composer-input"
            data-testid="composer-input"
            rows={2}
            maxLength={MAX_BODY_CHARS}
            placeholder={t('composer.replyPlaceholder')}
            value={reply}
            disabled={!canReply}
            onChange={(e) => {
              setReply(e.target.value);
              typing();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && shortcut && view) {
                e.preventDefault();
                void insertByShortcut(bridge, view.customer.id, reply);
                return;
              }
              if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && macroMatches[0]) {
                e.preventDefault();
                void applyMacro(macroMatches[0]);
                return;
              }
              submitOnCtrlEnter(() => void send())(e);
            }}
          />
          <button
            type="submit"
            className="primary"
            data-testid="composer-send"
            disabled={!canReply || sending || reply.trim() === '' || gate.holds}
          >
            {sending ? t('composer.sending') : t('composer.send')}
          </button>
        </div>
        {thread?.channel === 'email' && canReply && <EmailExtras cc={ccText} setCc={setCcText} files={files} setFiles={setFiles} />}
        {shortcut && (
          <p className="hint small" data-testid="kb-shortcut-hint">
            {t('knowledge.shortcutHint', { words: shortcut.words })}
          </p>
        )}
        {macroTyped && canReply && <MacroSuggestions matches={macroMatches} onPick={(m) => void applyMacro(m)} />}
        {missing.length > 0 && (
          <p className="hint small hint-warning" role="status" data-testid="macro-missing">
            {t('macros.missing', { fields: missing.map((f) => `{{${f}}}`).join(', ') })}
          </p>
        )}
        {macroError && (
          <p className="form-error" role="alert" data-testid="macro-error">
            {t(errorKey(macroError))}
          </p>
        )}
        {signatureText && (
          <p className="hint small" data-testid="composer-signature">
            {t('macros.signedWith', { signature: signatureText.split('\n')[0] })}
          </p>
        )}
        <CompensationGate gate={gate} draft={reply} />
        {replyError && (
          <p className="form-error" role="alert" data-testid="composer-error">
            {t(errorKey(replyError))}
          </p>
        )}
      </form>

      <form className="composer-note" onSubmit={saveNote}>
        <label className="sr-only" htmlFor="note-input">
          {t('composer.noteLabel')}
        </label>
        <div className="composer-row">
          <textarea
            id="note-input"
            data-testid="note-input"
            rows={1}
            maxLength={MAX_BODY_CHARS}
            placeholder={t('composer.notePlaceholder')}
            title={t('composer.noteLabel')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={submitOnCtrlEnter(() => void saveNote())}
          />
          <button type="submit" className="secondary" data-testid="note-add" disabled={noting || note.trim() === ''}>
            {noting ? t('composer.adding') : t('composer.addNote')}
          </button>
        </div>
        {noteError && (
          <p className="form-error" role="alert" data-testid="note-error">
            {t(errorKey(noteError))}
          </p>
        )}
      </form>
    </div>
  );
}
