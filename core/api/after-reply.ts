/**
 * Work a call causes that the resident does not wait for (usage counting, the hub's activity and live
 * view): it runs after the call's reply has left, on the next turn of the event loop, or at the latest
 * before the core takes its next call or emits its next event, so it always sees the calls in the order
 * they were made. A failing piece is logged by the caller's `onError` and never stops the rest.
 */
export class AfterReply {
  private readonly queue: (() => void)[] = [];
  private scheduled: ReturnType<typeof setImmediate> | undefined;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `work` once the current call has answered. */
  defer(work: () => void): void {
    this.queue.push(work);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** How many pieces wait (tests: the reply went before them). */
  get pending(): number {
    return this.queue.length;
  }

  /** Runs everything deferred so far, in order; work deferred meanwhile runs too. */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.queue.length > 0) {
      const work = this.queue.shift()!;
      try {
        work();
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
