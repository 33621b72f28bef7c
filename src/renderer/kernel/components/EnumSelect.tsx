import type { ReactNode } from 'react';
import { ChoiceSelect } from './ChoiceSelect';

export interface EnumSelectProps<V extends string> {
  /** the visible label before the select */
  label: string;
  labelHidden?: boolean;
  /** `field` (forms) or `filter` (toolbars): the wrapping label's class */
  variant?: string;
  testId: string;
  disabled?: boolean;
  value: V | '';
  options: readonly V[];
  optionLabel(value: V): string;
  /** the option's own language, where its label is written in it */
  optionLang?(value: V): string;
  /** the label of an empty first option ('' = "any"); without it the select always holds one of `options` */
  emptyLabel?: string;
  /** called only with one of `options`, or '' when there is an empty option: nothing else reaches a store */
  onChange(value: V | ''): void;
}

/** A ChoiceSelect over a fixed list of values (a zod enum's options, the channels, the languages). */
export function EnumSelect<V extends string>(p: EnumSelectProps<V>): ReactNode {
  const { options, optionLabel, optionLang, ...rest } = p;
  return ChoiceSelect<V>({
    ...rest,
    choices: options.map((value) => ({ value, label: optionLabel(value), ...(optionLang ? { lang: optionLang(value) } : {}) })),
  });
}
