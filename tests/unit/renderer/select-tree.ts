import { isValidElement, type ReactElement, type ReactNode } from 'react';

export type SelectElement = ReactElement<{ onChange(e: { target: { value: string } }): void }>;

/** The <select> element inside the <label> tree a select component returns (no DOM in unit tests). */
export function selectOf(node: ReactNode): SelectElement {
  const kids = (isValidElement(node) ? (node.props as { children?: ReactNode }).children : null) as ReactNode[];
  const select = kids.find((k) => isValidElement(k) && k.type === 'select');
  if (!isValidElement(select)) throw new Error('no select');
  return select as SelectElement;
}
