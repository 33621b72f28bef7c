import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { selectOf } from './select-tree';
import { ChoiceSelect, type ChoiceSelectProps } from '../../../src/renderer/kernel/components/ChoiceSelect';

const base = (over: Partial<ChoiceSelectProps<string>> = {}): ChoiceSelectProps<string> => ({
  label: 'Assignee',
  testId: 'assignee',
  value: 'a2',
  choices: [
    { value: 'a1', label: 'Ada' },
    { value: 'a2', label: 'Bo' },
  ],
  onChange: () => undefined,
  ...over,
});

describe('ChoiceSelect', () => {
  it('renders labels (not values), the selected choice, and an empty option only when asked', () => {
    const html = renderToStaticMarkup(createElement(ChoiceSelect<string>, base({ emptyLabel: 'Unassigned' })));
    expect(html).toContain('<label class="field"><span>Assignee</span>');
    expect(html).toContain('<option value="">Unassigned</option>');
    expect(html).toContain('<option value="a1">Ada</option>');
    expect(html).toContain('<option value="a2" selected="">Bo</option>');
  });

  it('a hidden label is read by screen readers only, and the option language is kept', () => {
    const html = renderToStaticMarkup(
      createElement(ChoiceSelect<string>, base({ labelHidden: true, choices: [{ value: 'zh-CN', label: '中文', lang: 'zh-CN' }], value: 'zh-CN' })),
    );
    expect(html).toContain('<span class="sr-only">Assignee</span>');
    expect(html).toContain('aria-label="Assignee"');
    expect(html).toContain('<option value="zh-CN" lang="zh-CN" selected="">中文</option>');
  });

  it('disabled when asked', () => {
    expect(renderToStaticMarkup(createElement(ChoiceSelect<string>, base({ disabled: true })))).toContain('disabled=""');
  });

  it.each([
    ['a1', 'None', ['a1']],
    ['', 'None', ['']],
    ['', undefined, []],
    ['a3', 'None', []], // a value no choice has (a stale DOM) never reaches the store
  ] as const)('onChange(%j) with emptyLabel %j → %j', (raw, emptyLabel, expected) => {
    const got: string[] = [];
    const tree = ChoiceSelect<string>(base({ onChange: (v) => got.push(v), ...(emptyLabel !== undefined ? { emptyLabel } : {}) }));
    selectOf(tree).props.onChange({ target: { value: raw } });
    expect(got).toEqual(expected);
  });
});
