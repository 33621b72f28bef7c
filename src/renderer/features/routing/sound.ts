const MUTED_KEY = 'omnidesk.sound.muted';

export function soundMuted(): boolean {
  try {
    return localStorage.getItem(MUTED_KEY) === '1';
  } catch {
    return false;
  }
}

export function setSoundMuted(muted: boolean): void {
  try {
    if (muted) localStorage.setItem(MUTED_KEY, '1');
    else localStorage.removeItem(MUTED_KEY);
  } catch {
    // storage refused (private mode): the choice lasts for this page only
  }
}

let ctx: AudioContext | null = null;

/**
 * A short two-tone chime through Web Audio (no sound file to ship or load): `offer` rings higher and twice, `message`
 * once. Returns false when muted or when the page may not play sound yet (no user gesture so far).
 */
export function chime(kind: 'offer' | 'message'): boolean {
  if (soundMuted() || typeof AudioContext === 'undefined') return false;
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    const notes = kind === 'offer' ? [880, 1175, 880, 1175] : [660, 880];
    const start = ctx.currentTime;
    notes.forEach((hz, i) => {
      const osc = ctx!.createOscillator();
      const gain = ctx!.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, start + i * 0.15);
      gain.gain.exponentialRampToValueAtTime(0.2, start + i * 0.15 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.15 + 0.14);
      osc.connect(gain).connect(ctx!.destination);
      osc.start(start + i * 0.15);
      osc.stop(start + i * 0.15 + 0.15);
    });
    return true;
  } catch {
    return false;
  }
}
