/**
 * Matching applies slot events on the same event loop that answers the regulators'
 * searches. A fetched batch holds up to ~1,000 events per partition, each decoded,
 * checked against its schema and applied (~0.3 ms each on our 2-core machine): applied
 * in one go, a batch held the loop for hundreds of milliseconds, and every search that
 * arrived meanwhile waited behind it (search p99 ×3 during a vendor's first poll cycle).
 * Giving the loop back every millisecond bounds that wait to one slice (4 ms slices added
 * up to 3 ms to the searches that met one); the cost is one setImmediate per slice, about
 * 2,000 for a first vendor cycle's 48,000 slots.
 */
export const INGEST_SLICE_MS = 1;

export class IngestYield {
  private sliceStarted: number;

  constructor(
    private readonly sliceMs = INGEST_SLICE_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.sliceStarted = clock();
  }

  /** Called after each event applied: yields to pending I/O (searches) once the slice is used up. */
  afterEvent(): Promise<void> | undefined {
    // No promise within a slice: the replay awaits a handler's answer only when it is one.
    if (this.clock() - this.sliceStarted < this.sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        this.sliceStarted = this.clock();
        resolve();
      }),
    );
  }
}
