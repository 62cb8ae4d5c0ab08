/**
 * Hands the main thread out in turns of the event loop, a few callers a turn. Issues under way at
 * once continue through microtasks only (their awaits resolve at once: a held status list lease,
 * a cached signer), so 256 of them would prepare and sign in one unbroken stretch, and the
 * database's answers (I/O callbacks, served between turns) wait for it: the group commit's
 * statements then run only once every issue has gone through, while the main thread idles (22 %
 * of `issue-jose`'s profile). An issue takes a turn before it is prepared, so each turn of the
 * loop serves the database between a few issues and the commit of one batch overlaps the
 * preparing of the next; while callers wait ({@link MainThreadTurns.busy}) signatures are made
 * on the signing threads.
 */
export class MainThreadTurns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;
  /** Callers gone on since the loop last went round. */
  private passed = 0;

  /**
   * @param perTurn how many callers go on in one turn of the event loop. An issue prepared here
   *   and signed on a thread is about 0.07 ms of this thread, so 8 make turns of about 0.5 ms.
   *   Each statement of a group commit waits for the end of a turn, and a batch is five of them
   *   (BEGIN, records, audit head, audit entries, COMMIT): with turns of 2 ms the commit waited
   *   longer; 4 and 8 measured alike, 1 or 2 a turn cost more than they save.
   */
  constructor(private readonly perTurn = 8) {}

  /** Whether the main thread has others to serve: callers wait for a turn, or this turn has gone to more than one. */
  get busy(): boolean {
    return this.waiting.length > 0 || this.passed > 1;
  }

  /** Resolves at once (undefined) while this turn has room, else at a later turn of the event loop. */
  take(): Promise<void> | undefined {
    this.schedule();
    if (this.waiting.length === 0 && this.passed < this.perTurn) {
      this.passed += 1;
      return undefined;
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const released = this.waiting.splice(0, this.perTurn);
      this.passed = released.length;
      // Their continuations run after this callback, before the loop goes round again.
      for (const resolve of released) resolve();
      if (this.passed > 0 || this.waiting.length > 0) this.schedule();
    });
  }
}
