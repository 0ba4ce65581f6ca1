/**
 * Parses and formats instants through a cache of the strings seen lately in
 * toISOString form: slots start on few distinct instants (quarter hours), and parsing
 * or formatting costs more than a map lookup.
 */
export class IsoTimes {
  private static readonly MAX = 50_000;
  private readonly msOf = new Map<string, number>();
  private readonly isoOf = new Map<number, string>();

  parse(iso: string): number {
    const known = this.msOf.get(iso);
    if (known !== undefined) return known;
    const ms = Date.parse(iso);
    if (Number.isFinite(ms) && new Date(ms).toISOString() === iso) this.remember(iso, ms);
    return ms;
  }

  /** Whether the string is the toISOString form of `ms` (after parse). */
  canonical(iso: string, ms: number): boolean {
    return this.isoOf.get(ms) === iso || (Number.isFinite(ms) && new Date(ms).toISOString() === iso);
  }

  format(ms: number): string {
    let iso = this.isoOf.get(ms);
    if (iso === undefined) this.remember((iso = new Date(ms).toISOString()), ms);
    return iso;
  }

  private remember(iso: string, ms: number): void {
    if (this.msOf.size >= IsoTimes.MAX) {
      this.msOf.clear();
      this.isoOf.clear();
    }
    this.msOf.set(iso, ms);
    this.isoOf.set(ms, iso);
  }
}
