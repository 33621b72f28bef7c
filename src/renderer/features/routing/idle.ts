/** Input that shows the agent is at the desk. */
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `idle()` once after `ms` without input in this window, and `active()` at the first input after that.
 * Returns the stop function. The timer restarts on input at most once a second (pointermove fires constantly).
 */
export function watchIdle(target: Pick<Window, 'addEventListener' | 'removeEventListener'>, ms: number, on: { idle(): void; active(): void }): () => void {
  let last = Date.now();
  let isIdle = false;
  const onInput = () => {
    const n = Date.now();
    if (isIdle) {
      isIdle = false;
      on.active();
    }
    if (n - last < 1000) return;
    last = n;
  };
  const timer = setInterval(() => {
    if (!isIdle && Date.now() - last >= ms) {
      isIdle = true;
      on.idle();
    }
  }, Math.min(ms, 15_000));
  for (const e of ACTIVITY) target.addEventListener(e, onInput, { passive: true });
  return () => {
    clearInterval(timer);
    for (const e of ACTIVITY) target.removeEventListener(e, onInput);
  };
}
