/**
 * Runs async work one after the other, in the order it was given. With the stores asynchronous (PostgreSQL), what
 * was atomic because it was synchronous needs this: a kiosk's frames are handled in the order they came, and a
 * read-then-write that spans several statements does not interleave with another of its kind on this instance.
 * A failed task does not stop the ones after it.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Settles when everything given so far has run. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
