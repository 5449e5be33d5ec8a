/**
 * The application's clock. Deadlines, reminders and breaches are computed from it, never from the database's
 * now(), so a test can move time forward and watch a deadline pass.
 */
let offsetMs = 0;

export const clock = {
  now: (): Date => new Date(Date.now() + offsetMs),
  nowMs: (): number => Date.now() + offsetMs,
  /** Tests only: shifts every later reading by ms. */
  advance(ms: number): void {
    offsetMs += ms;
  },
  /** Tests only: reads `at` from now on (time keeps running from there). */
  set(at: Date): void {
    offsetMs = at.getTime() - Date.now();
  },
  reset(): void {
    offsetMs = 0;
  },
};
