import { toggled } from './accounts-model';

export interface CheckboxGroupProps<V extends string> {
  /** the group's name, read as the fieldset's legend */
  legend: string;
  legendHidden?: boolean;
  testId: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  selected: readonly V[];
  disabled?: boolean;
  onChange(selected: V[]): void;
}

/** A fieldset of labelled checkboxes (teams, languages): each box is named by its label, the group by its legend. */
export function CheckboxGroup<V extends string>(p: CheckboxGroupProps<V>) {
  return (
    <fieldset className="checkbox-group" data-testid={p.testId} disabled={p.disabled}>
      <legend className={p.legendHidden ? 'sr-only' : undefined}>{p.legend}</legend>
      {p.options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="checkbox" value={o.value} checked={p.selected.includes(o.value)} onChange={() => p.onChange(toggled(p.selected, o.value))} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
