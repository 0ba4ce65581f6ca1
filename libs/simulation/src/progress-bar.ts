/**
 * A progress bar on a terminal (redrawn in place), or a line every tenth of the way
 * when the output is a file or a CI log.
 */
export class ProgressBar {
  private done = 0;
  private lastTenth = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(count = 1): void {
    this.done += count;
    const fraction = this.total ? this.done / this.total : 1;
    if (this.out.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.out.write(
        `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.done}/${this.total} ${this.elapsed()}`,
      );
      if (this.done >= this.total) this.out.write('\n');
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== this.lastTenth) {
      this.lastTenth = tenth;
      this.out.write(`${this.label}: ${this.done}/${this.total} (${tenth * 10} %) ${this.elapsed()}\n`);
    }
  }

  private elapsed(): string {
    return `${((Date.now() - this.started) / 1000).toFixed(0)} s`;
  }
}
