/**
 * Hong Kong customers write Cantonese: 燙親 / 燙損 for 烫伤, 割損咗手指 for 割伤了手指, 佢 for 他, 唔 for 不. The cues are
 * written in Mandarin, so the common Cantonese particles and injury endings are folded to it first, character for
 * character (the text keeps its length: evidence offsets point into the original). Runs after `normalise`, so the
 * Traditional forms are already Simplified (親 → 亲, 損 → 损, 係 → 系).
 */
const PARTICLES: Record<string, string> = {
  咗: '了', // perfective: 燙咗 → 烫了
  唔: '不',
  冇: '没',
  嘅: '的',
  佢: '他',
  哋: '们',
  喺: '在',
  啲: '些',
  睇: '看',
  畀: '给',
  俾: '给',
  嚟: '来',
  攞: '拿',
  瞓: '睡',
  嗰: '那',
  乜: '什',
};
const PARTICLE = new RegExp(`[${Object.keys(PARTICLES).join('')}]`, 'g');
/** an injury verb and the Cantonese ending that says it hurt someone: 燙親, 跌親, 割損, 擦損 → 烫伤, 跌伤, 割伤, 擦伤 */
const HURT_ENDING = /([烫跌整撞割刮擦撕夹咬磨电])[亲损]/g;
/** 痕 is "itchy" in Cantonese (好痕, 又痕又熱, 痕到); in Mandarin a mark (烫痕, 瘀痕), which is left alone */
const ITCHY = /(?<=[好又咁几很成])痕|痕(?=[又到得痒])/g;

export function cantoneseToMandarin(text: string): string {
  if (!/[\u3400-\u9fff]/.test(text)) return text;
  return text
    .replace(PARTICLE, (c) => PARTICLES[c]!)
    .replace(HURT_ENDING, (_m, verb: string) => `${verb}伤`)
    .replace(ITCHY, '痒')
    .replace(/白车/g, '急诊') // an ambulance: 坐白車, 喺白車度
    .replace(/入面/g, '里面'); // inside: 斷咗喺入面
}
