import { describe, expect, it } from 'vitest';
import { CoalescingRunner } from '../../core/coalescing-runner';

/** A pass the test lets finish when it wants: no clocks, no timing. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('CoalescingRunner (the due-loop of the sync worker and the attachment preparer)', () => {
  it('calls during a pass share its run and ask for exactly one more pass', async () => {
    const gates = [gate(), gate()];
    let passes = 0;
    const runner = new CoalescingRunner(
      () => gates[passes++]!.opened,
      () => false,
      () => undefined,
    );
    const first = runner.run();
    const second = runner.run();
    const third = runner.run();
    expect(second).toBe(first);
    expect(third).toBe(first);
    // All three calls came while the first pass was still open: one more pass, not two.
    gates[0]!.open();
    gates[1]!.open();
    await first;
    expect(passes).toBe(2);
    // The run is over: the next call starts a new one.
    gates.push(gate());
    const next = runner.run();
    expect(next).not.toBe(first);
    gates[2]!.open();
    await next;
    expect(passes).toBe(3);
  });

  it('never rejects: an error goes to onError, unless the owner stopped', async () => {
    let stopped = false;
    const errors: unknown[] = [];
    const runner = new CoalescingRunner(
      () => Promise.reject(new Error('database closed')),
      () => stopped,
      (error) => errors.push(error),
    );
    await expect(runner.run()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    const failing = new CoalescingRunner(
      () => {
        stopped = true;
        return Promise.reject(new Error('closed while stopping'));
      },
      () => stopped,
      (error) => errors.push(error),
    );
    stopped = false;
    await expect(failing.run()).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    // Stopped: a call does nothing.
    let called = false;
    const idle = new CoalescingRunner(
      async () => void (called = true),
      () => true,
      () => undefined,
    );
    await idle.run();
    expect(called).toBe(false);
  });
});
