import type { ReactNode } from 'react';

/** One option: the value a store receives and the label a person reads. */
export interface Choice<V extends string> {
  value: V;
  label: string;
  /** the option's own language, where its label is written in it (the language switch) */
  lang?: string;
}

export interface ChoiceSelectProps<V extends string> {
  /** the visible label before the select (or, with `labelHidden`, read only by screen readers) */
  label: string;
  labelHidden?: boolean;
  /** the wrapping label's class: `field` (forms), `filter` (toolbars), `inline-field`, … */
  variant?: string;
  testId: string;
  value: V | '';
  choices: readonly Choice<V>[];
  /** the label of an empty first option ('' = "any"/"none"); without it the select always holds a choice */
  emptyLabel?: string;
  disabled?: boolean;
  /** called only with one of the choices' values, or '' when there is an empty option: nothing else reaches a store */
  onChange(value: V | ''): void;
}

/**
 * The one labelled <select> of the app: renders the options, and turns the DOM's string back into a known
 * value, so no view parses `e.target.value` itself. EnumSelect (a zod enum's options) is built on it.
 */
export function ChoiceSelect<V extends string>(p: ChoiceSelectProps<V>): ReactNode {
  return (
    <label className={p.variant ?? 'field'}>
      <span className={p.labelHidden ? 'sr-only' : undefined}>{p.label}</span>
      <select
        data-testid={p.testId}
        value={p.value}
        disabled={p.disabled}
        aria-label={p.labelHidden ? p.label : undefined}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '' && p.emptyLabel !== undefined) p.onChange('');
          else {
            const hit = p.choices.find((c) => c.value === v);
            if (hit) p.onChange(hit.value);
          }
        }}
      >
        {p.emptyLabel !== undefined && <option value="">{p.emptyLabel}</option>}
        {p.choices.map((c) => (
          <option key={c.value} value={c.value} lang={c.lang}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
