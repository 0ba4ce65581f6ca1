import { Positions } from '@sas/messaging';
import { DirectoryRows } from '../index/place-directory';
import { IndexRows } from '../index/slot-index';
import { SlotShared } from '../index/slot-profile';

/** What the read model of a replica is at a set of topic positions: enough to go on from them. */
export interface MatchingSnapshot {
  /** The Kafka cluster the positions belong to. */
  clusterId: string;
  takenAt: string;
  /** The next offset to read in each topic-partition (EventConsumer.currentPositions). */
  positions: Positions;
  index: IndexRows;
  /** WeeklyLoad.entries(). */
  appointments: [appointmentId: string, practitionerId: string | null, week: string | null][];
  /** Ids of the events the consumer's inbox remembers (appointment events). */
  inboxIds: string[];
}

const MAGIC = Buffer.from('SAS matching snapshot\n', 'ascii');
// 3: the directory (places changed, records retired) joined the header.
const VERSION = 3;
/** Bytes per row in the columns: id (16), profile (4), start, end, revision (8 each). */
const ROW_BYTES = 16 + 4 + 8 * 3;

interface Header {
  version: number;
  clusterId: string;
  takenAt: string;
  positions: [string, string][];
  count: number;
  otherIds: IndexRows['otherIds'];
  verbatimTimes: IndexRows['verbatimTimes'];
  appointments: MatchingSnapshot['appointments'];
  inboxIds: string[];
  directory: DirectoryRows;
}

/** Profiles (or offers) turned into JSON at a time, between which encodeSnapshot lets other work run. */
const ITEMS_AT_ONCE = 500;

/**
 * The snapshot as bytes, in pieces to write one after the other: the magic line, a JSON
 * header (everything but the profiles, the offers and the row columns; the directory's
 * changed places are few), the profiles
 * and the offers as JSON arrays, each JSON part after its length in 4 bytes; the
 * columns as raw little-endian arrays (ids, profiles, starts, ends, revisions); and the
 * magic line again, so that a truncated file is told apart. The profiles and offers
 * (tens of thousands, each with its place and practitioner) are turned into JSON a slice
 * at a time, awaiting `between` after each; the columns are not copied.
 */
export async function encodeSnapshot(
  snapshot: MatchingSnapshot,
  between: () => Promise<void> = async () => undefined,
): Promise<Buffer[]> {
  const { index } = snapshot;
  const header: Header = {
    version: VERSION,
    clusterId: snapshot.clusterId,
    takenAt: snapshot.takenAt,
    positions: [...snapshot.positions].map(([tp, offset]) => [tp, String(offset)]),
    count: index.count,
    otherIds: index.otherIds,
    verbatimTimes: index.verbatimTimes,
    appointments: snapshot.appointments,
    inboxIds: snapshot.inboxIds,
    directory: index.directory,
  };
  const column = (array: Uint32Array | Int32Array | Float64Array) =>
    Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return [
    MAGIC,
    ...json([Buffer.from(JSON.stringify(header), 'utf8')]),
    ...json(await arrayInSlices(index.profiles, between)),
    ...json(await arrayInSlices(index.offers, between)),
    column(index.ids),
    column(index.profile),
    column(index.startMs),
    column(index.endMs),
    column(index.revisions),
    MAGIC,
  ];
}

/** A JSON array in byte pieces, a slice of its items each, awaiting `between` after each: never one string of them all. */
async function arrayInSlices(items: unknown[], between: () => Promise<void>): Promise<Buffer[]> {
  const pieces = [Buffer.from('[')];
  for (let i = 0; i < items.length; i += ITEMS_AT_ONCE) {
    const elements = JSON.stringify(items.slice(i, i + ITEMS_AT_ONCE)).slice(1, -1);
    pieces.push(Buffer.from(i === 0 ? elements : `,${elements}`, 'utf8'));
    await between();
  }
  pieces.push(Buffer.from(']'));
  return pieces;
}

/** A JSON text, given in pieces, after its length in bytes. */
function json(pieces: Buffer[]): Buffer[] {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(pieces.reduce((sum, piece) => sum + piece.length, 0));
  return [length, ...pieces];
}

/** The snapshot in bytes encodeSnapshot wrote; throws, saying why, on anything else. */
export function decodeSnapshot(bytes: Buffer): MatchingSnapshot {
  if (bytes.length < 2 * MAGIC.length + 8 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error('not a matching snapshot');
  let at = MAGIC.length;
  const readJson = <T>(what: string): T => {
    if (at + 4 > bytes.length) throw new Error(`truncated snapshot (${what})`);
    const length = bytes.readUInt32LE(at);
    if (at + 4 + length > bytes.length) throw new Error(`truncated snapshot (${what})`);
    const value = JSON.parse(bytes.toString('utf8', at + 4, at + 4 + length)) as T;
    at += 4 + length;
    return value;
  };
  const header = readJson<Header>('header');
  if (header.version !== VERSION) throw new Error(`snapshot version ${header.version}, this service reads ${VERSION}`);
  const profiles = readJson<(SlotShared | null)[]>('profiles');
  const offers = readJson<IndexRows['offers']>('offers');
  const count = header.count;
  if (bytes.length !== at + count * ROW_BYTES + MAGIC.length || !bytes.subarray(bytes.length - MAGIC.length).equals(MAGIC))
    throw new Error('truncated snapshot (rows)');
  // Copied out of the file's buffer: typed arrays need their own alignment.
  const take = (size: number) => {
    const copy = new ArrayBuffer(size);
    new Uint8Array(copy).set(bytes.subarray(at, at + size));
    at += size;
    return copy;
  };
  const ids = new Uint32Array(take(16 * count));
  const profile = new Int32Array(take(4 * count));
  const startMs = new Float64Array(take(8 * count));
  const endMs = new Float64Array(take(8 * count));
  const revisions = new Float64Array(take(8 * count));
  return {
    clusterId: header.clusterId,
    takenAt: header.takenAt,
    positions: new Map(header.positions.map(([tp, offset]) => [tp, BigInt(offset)])),
    index: {
      count,
      ids,
      otherIds: header.otherIds,
      profile,
      startMs,
      endMs,
      revisions,
      verbatimTimes: header.verbatimTimes,
      profiles,
      offers,
      directory: header.directory,
    },
    appointments: header.appointments,
    inboxIds: header.inboxIds,
  };
}
