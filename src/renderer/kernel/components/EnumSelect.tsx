import type { ReactNode } from 'react';

export interface EnumSelectProps<V extends string> {
  /** the visible label before the select */
  label: string;
  /** `field` (forms) or `filter` (toolbars): the wrapping label's class */
  variant?: 'field' | 'filter';
  testId: string;
  value: V | '';
  options: readonly V[];
  optionLabel(value: V): string;
  /** the label of an empty first option ('' = "any"); without it the select always holds one of `options` */
  emptyLabel?: string;
  /** called only with one of `options`, or '' when there is an empty option: nothing else reaches a store */
  onChange(value: V | ''): void;
}

/**
 * One labelled <select> over a fixed list of values (a zod enum's options, the channels): the one place that
 * renders the options and turns the DOM's string back into a known value.
 */
export function EnumSelect<V extends string>(p: EnumSelectProps<V>): ReactNode {
  return (
    <label className={p.variant ?? 'field'}>
      <span>{p.label}</span>
      <select
        data-testid={p.testId}
        value={p.value}
        onChange={(e) => {
          const v = e.target.value;
          if (v === '' && p.emptyLabel !== undefined) p.onChange('');
          else if ((p.options as readonly string[]).includes(v)) p.onChange(v as V);
        }}
      >
        {p.emptyLabel !== undefined && <option value="">{p.emptyLabel}</option>}
        {p.options.map((o) => (
          <option key={o} value={o}>
            {p.optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
