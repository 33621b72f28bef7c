import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { selectOf } from './select-tree';
import { EnumSelect, type EnumSelectProps } from '../../../src/renderer/kernel/components/EnumSelect';

type Level = 'low' | 'high';
const base = (over: Partial<EnumSelectProps<Level>> = {}): EnumSelectProps<Level> => ({
  label: 'Level',
  testId: 'level',
  value: 'high',
  options: ['low', 'high'],
  optionLabel: (v) => v.toUpperCase(),
  onChange: () => undefined,
  ...over,
});

describe('EnumSelect', () => {
  it('renders the label, the test id, every option with its label, and the current value selected', () => {
    const html = renderToStaticMarkup(createElement(EnumSelect<Level>, base({ variant: 'filter' })));
    expect(html).toContain('<label class="filter"><span>Level</span>');
    expect(html).toContain('data-testid="level"');
    expect(html).toContain('<option value="low">LOW</option>');
    expect(html).toContain('<option value="high" selected="">HIGH</option>');
    expect(html).not.toContain('<option value="">');
  });

  it('an empty option only when asked for', () => {
    const html = renderToStaticMarkup(createElement(EnumSelect<Level>, base({ value: '', emptyLabel: 'Any' })));
    expect(html).toContain('<option value="" selected="">Any</option>');
  });

  it.each([
    ['low', undefined, ['low']],
    ['high', 'Any', ['high']],
    ['', 'Any', ['']],
    ['', undefined, []], // no empty option: '' is not a value
    ['medium', 'Any', []], // a value that is not an option never reaches the store
  ] as const)('onChange(%j) with emptyLabel %j → %j', (raw, emptyLabel, expected) => {
    const got: string[] = [];
    const tree = EnumSelect<Level>(base({ onChange: (v) => got.push(v), ...(emptyLabel !== undefined ? { emptyLabel } : {}) }));
    selectOf(tree).props.onChange({ target: { value: raw } });
    expect(got).toEqual(expected);
  });
});
