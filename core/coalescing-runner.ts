/**
 * Runs `pass` one at a time: a call while a run is in flight shares that run and asks for one more
 * pass, so work that arrives during a pass is never missed and never done twice at once. The run
 * never rejects: an error ends it and goes to `onError`, unless the owner stopped (closing the
 * database under a pass is expected then).
 */
export class CoalescingRunner {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly isStopped: () => boolean,
    private readonly onError: (error: unknown) => void,
  ) {}

  run(): Promise<void> {
    if (this.isStopped()) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again && !this.isStopped());
      } catch (error) {
        if (!this.isStopped()) this.onError(error);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
