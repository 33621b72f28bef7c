import { describe, expect, it } from 'vitest';
import { parseCc } from '../../../src/renderer/features/conversations/EmailExtras';

describe('the Cc field of an email reply (issue 15)', () => {
  it.each([
    ['', { cc: [], invalid: [] }],
    ['carer@example.com', { cc: ['carer@example.com'], invalid: [] }],
    ['Carer@Example.com, gp@clinic.example; carer@example.com', { cc: ['carer@example.com', 'gp@clinic.example'], invalid: [] }],
    ['carer@example.com nurse', { cc: ['carer@example.com'], invalid: ['nurse'] }],
    ['a@b', { cc: [], invalid: ['a@b'] }],
  ])('%j', (text, want) => expect(parseCc(text)).toEqual(want));
});
