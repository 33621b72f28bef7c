import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseTag, tagsOf, type Case } from '../../../shared/kernel/case';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';
import { useCustomer } from '../conversations';

/**
 * The case's tags (issue 15): those agents and macros set, which whoever may act on the case can take off, and an
 * escalation rule's, shown but kept (the rule's record). A tag is added by typing it; the core records only real
 * changes, offline too.
 */
export function CaseTags({ c, mayAct }: { c: Case; mayAct: boolean }) {
  const { t } = useTranslation();
  const setTags = useCustomer((s) => s.setTags);
  const [typed, setTyped] = useState('');
  const { error: failed, run } = useAction();
  // a tag typed that is no tag: refused here, before any bridge call
  const [invalid, setInvalid] = useState(false);
  const error = invalid ? 'INVALID_ARGUMENT' : failed;
  const own = new Set(c.tags ?? []);
  const all = tagsOf(c);

  async function change(add: string[], remove: string[]) {
    setInvalid(false);
    return (await run(async () => {
      await setTags(c.id, add, remove);
      return true;
    })) === true;
  }
  async function add(e: FormEvent) {
    e.preventDefault();
    const tag = CaseTag.safeParse(typed);
    setInvalid(!tag.success);
    if (!tag.success) return;
    if (own.has(tag.data)) return setTyped('');
    if (await change([tag.data], [])) setTyped('');
  }

  if (all.length === 0 && !mayAct) return null;
  return (
    <div className="case-tags" data-testid="case-tags">
      <span className="muted small">{t('case.tags.label')}</span>
      <ul className="tag-list">
        {all.map((tag) => (
          <li key={tag} className="tag" data-testid="case-tag" data-tag={tag}>
            {tag}
            {own.has(tag) && mayAct && (
              <button type="button" className="tag-remove" aria-label={t('case.tags.remove', { tag })} data-testid="case-tag-remove" onClick={() => void change([], [tag])}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {mayAct && (
        <form className="case-tag-add" onSubmit={(e) => void add(e)}>
          <input aria-label={t('case.tags.add')} placeholder={t('case.tags.add')} data-testid="case-tag-input" maxLength={40} value={typed} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit" className="secondary small" data-testid="case-tag-add" disabled={!typed.trim()}>
            {t('case.tags.addButton')}
          </button>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="case-tags-error">
          {error === 'INVALID_ARGUMENT' ? t('case.tags.invalid') : t(errorKey(error))}
        </p>
      )}
    </div>
  );
}
