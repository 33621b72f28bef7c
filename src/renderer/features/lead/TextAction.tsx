import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../kernel/state/errors';
import { useAction } from '../../kernel/state/use-action';

export interface TextActionProps {
  label: string;
  /** the label for screen readers only (a row's answer box) */
  labelHidden?: boolean;
  placeholder?: string;
  maxLength: number;
  submit: string;
  inputTestId: string;
  buttonTestId: string;
  /** the text may be empty (an optional note) */
  optional?: boolean;
  className?: string;
  /** the change to make with the text (trimmed); the box empties when it succeeds, its error shows otherwise */
  onSubmit(text: string): Promise<unknown>;
}

/** One line of text and a button that acts with it: the console's answers and reviews, the case panel's asks. */
export function TextAction(p: TextActionProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const { busy, error, run } = useAction();
  return (
    <form
      className={p.className}
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await p.onSubmit(text.trim());
          setText('');
        });
      }}
    >
      <label className="field">
        <span className={p.labelHidden ? 'sr-only' : undefined}>{p.label}</span>
        <input data-testid={p.inputTestId} value={text} maxLength={p.maxLength} placeholder={p.placeholder} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" className="ghost" data-testid={p.buttonTestId} disabled={busy || (!p.optional && text.trim() === '')}>
        {p.submit}
      </button>
      {error && (
        <span role="alert" className="error">
          {t(errorKey(error))}
        </span>
      )}
    </form>
  );
}
