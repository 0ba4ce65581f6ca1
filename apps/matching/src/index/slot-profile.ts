import { ConsultationModeCode, PayloadOf, SlotPublished } from '@sas/contracts';
import { ANYWHERE, cellOf } from './spatial-grid';

export type SlotState = PayloadOf<typeof SlotPublished>;
export type SlotPlace = SlotState['place'];

/**
 * What a slot shares with the other slots of its owner at its place: everything but its
 * id, times and revision. Interned and frozen: never modify one.
 */
export type SlotShared = Readonly<Omit<SlotState, 'slotId' | 'start' | 'end' | 'revision' | 'remainingCapacity'>>;

/** An owner at a place: the profiles of its slots, and its latest offer (kept after its slots are gone). */
export class OwnerAtPlace {
  readonly profiles: SlotProfile[] = [];
  readonly keys: SearchKey[] = [];
  /** The profile of the slot with the latest start seen, for "accepts patients beyond slots". */
  offer: SlotShared | undefined = undefined;
  offerStartMs = -Infinity;
}

/**
 * What a search filters and ranks on besides a slot's start and its SNP flag: owner,
 * place, profession, specialties, modes. Shared by the profiles that differ only in what
 * searches do not read (visibility but SNP, booking URL, identifiers, acceptsBeyondSlots),
 * so a search works out its criteria, distance and mode once per key — about once per
 * owner at a place — and reads no profile until it builds its results.
 */
export class SearchKey {
  /** Profiles pointing to this key. */
  refs = 0;
  /**
   * The grid cell of the place, or ANYWHERE for places without coordinates and slots
   * whose first mode is video: a search without a mode takes a slot's first usable mode,
   * and near a patient every mode is usable, so only those may serve at any distance.
   */
  readonly cell: number;

  // Scratch space of the search running now, so that what depends on the key only is
  // worked out once per search (searches are synchronous; stamps tell stale values apart).
  filterStamp = 0;
  filterPass = false;
  rankStamp = 0;
  /** Mode the patient would use; '' when the slot cannot serve the patient. */
  rankMode: '' | ConsultationModeCode = '';
  /** Distance to the patient in km, or -1 when unknown. */
  rankDistance = -1;
  /** Points that depend on the place only (distance, or video outside the département). */
  rankPlacePoints = 0;

  constructor(
    readonly ownerId: string,
    readonly profession: string,
    readonly specialties: SlotShared['specialties'],
    readonly place: SlotPlace,
    readonly modes: SlotShared['modes'],
  ) {
    const { latitude, longitude } = place;
    this.cell = latitude === undefined || longitude === undefined || modes[0] === 'VR' ? ANYWHERE : cellOf(latitude, longitude);
  }
}

/**
 * One interned SlotShared and what the index derives from it once. Many slots point to
 * the same profile (a practitioner's slots at one place use a handful), so what each slot
 * stores itself is a few numbers.
 */
export class SlotProfile {
  /** Slots of the index pointing to this profile. */
  refs = 0;
  readonly snp: boolean;

  constructor(
    readonly id: number,
    readonly shared: SlotShared,
    readonly group: OwnerAtPlace,
    readonly key: SearchKey,
  ) {
    this.snp = shared.visibility.includes('SNP');
  }

  get cell(): number {
    return this.key.cell;
  }
}

/**
 * Interns profiles, places and the small lists they hold, so that a million slots of a
 * few thousand practitioners keep a few thousand copies of each. A state finds its
 * profile among those of its owner at its place by comparing fields (no key string is
 * built per event). Profiles and places are counted and forgotten when no slot uses them;
 * owner-at-place entries stay (they carry the latest offer), as do lists (specialties,
 * modes, visibility, languages), which are few.
 */
export class ProfileTable {
  private readonly owners = new Map<string, Map<string, OwnerAtPlace>>();
  private readonly byId: (SlotProfile | undefined)[] = [];
  private readonly freeIds: number[] = [];
  private readonly places = new Map<string, { place: SlotPlace; refs: number }[]>();
  private readonly lists = new Map<string, readonly string[]>();
  private count = 0;

  /** The profile of a state, counted once more. */
  acquire(state: SlotState): SlotProfile {
    const group = this.group(state.ownerId, state.place.placeId);
    let profile: SlotProfile | undefined;
    for (const candidate of group.profiles) {
      if (sameShared(candidate.shared, state)) {
        profile = candidate;
        break;
      }
    }
    if (!profile) {
      const id = this.freeIds.length ? this.freeIds.pop()! : this.byId.length;
      const shared = this.shared(state, this.place(state.place));
      profile = new SlotProfile(id, shared, group, keyOf(group, shared));
      profile.key.refs++;
      group.profiles.push(profile);
      this.byId[id] = profile;
      this.count++;
    }
    profile.refs++;
    return profile;
  }

  /** The owner-at-place entry, made if new. */
  group(ownerId: string, placeId: string): OwnerAtPlace {
    let atPlaces = this.owners.get(ownerId);
    if (!atPlaces) this.owners.set(ownerId, (atPlaces = new Map()));
    let group = atPlaces.get(placeId);
    if (!group) atPlaces.set(placeId, (group = new OwnerAtPlace()));
    return group;
  }

  /** Counts one slot more of a profile acquired already. */
  retain(profile: SlotProfile): void {
    profile.refs++;
  }

  /** Counts one slot less; forgets the profile when none is left. */
  release(profile: SlotProfile): void {
    if (--profile.refs > 0) return;
    const { profiles, keys } = profile.group;
    profiles.splice(profiles.indexOf(profile), 1);
    if (--profile.key.refs === 0) keys.splice(keys.indexOf(profile.key), 1);
    this.byId[profile.id] = undefined;
    this.freeIds.push(profile.id);
    this.count--;
    const place = profile.shared.place;
    const entries = this.places.get(place.placeId)!;
    const at = entries.findIndex((e) => e.place === place);
    if (--entries[at].refs === 0) {
      entries.splice(at, 1);
      if (entries.length === 0) this.places.delete(place.placeId);
    }
  }

  get(id: number): SlotProfile {
    return this.byId[id]!;
  }

  /** The SlotShared of each profile id (null where no profile has the id now). */
  sharedById(): (SlotShared | null)[] {
    return this.byId.map((profile) => profile?.shared ?? null);
  }

  /** Profiles in use, for tests and metrics. */
  get size(): number {
    return this.count;
  }

  /** Every owner-at-place ever seen. */
  *groups(): Generator<OwnerAtPlace> {
    for (const atPlaces of this.owners.values()) yield* atPlaces.values();
  }

  private place(place: SlotPlace): SlotPlace {
    let entries = this.places.get(place.placeId);
    if (!entries) this.places.set(place.placeId, (entries = []));
    for (const entry of entries) {
      if (samePlace(entry.place, place)) {
        entry.refs++;
        return entry.place;
      }
    }
    // Only the fields present, in the contract's order, so that interned places compare and serialise alike.
    const copy: Record<string, unknown> = {};
    for (const field of PLACE_FIELDS) {
      const value = place[field];
      if (value !== undefined) copy[field] = LIST_FIELDS.has(field) ? this.list(value as string[]) : value;
    }
    const frozen = Object.freeze(copy) as SlotPlace;
    entries.push({ place: frozen, refs: 1 });
    return frozen;
  }

  private shared(s: SlotState, place: SlotPlace): SlotShared {
    // Optional fields only when present, in the order of the contract.
    const shared: Record<string, unknown> = { ownerId: s.ownerId };
    if (s.practitionerId !== undefined) shared.practitionerId = s.practitionerId;
    if (s.practitioner !== undefined)
      shared.practitioner = Object.freeze({ system: s.practitioner.system, value: s.practitioner.value });
    if (s.structureId !== undefined) shared.structureId = s.structureId;
    if (s.structure !== undefined) shared.structure = Object.freeze({ system: s.structure.system, value: s.structure.value });
    shared.profession = s.profession;
    shared.specialties = this.list(s.specialties);
    shared.place = place;
    shared.visibility = this.list(s.visibility);
    shared.modes = this.list(s.modes);
    shared.appointmentType = s.appointmentType;
    if (s.bookingUrl !== undefined) shared.bookingUrl = s.bookingUrl;
    shared.acceptsBeyondSlots = s.acceptsBeyondSlots;
    if (s.capacity !== undefined) shared.capacity = s.capacity;
    return Object.freeze(shared) as unknown as SlotShared;
  }

  /** One frozen array per distinct list content. */
  private list<T extends string>(items: readonly T[]): readonly T[] {
    const key = JSON.stringify(items);
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = Object.freeze([...items])));
    return list as readonly T[];
  }
}

/** The search key of an interned SlotShared among those of its owner at its place (lists and place are interned: same content, same object). */
function keyOf(group: OwnerAtPlace, shared: SlotShared): SearchKey {
  for (const key of group.keys) {
    if (
      key.profession === shared.profession &&
      key.specialties === shared.specialties &&
      key.place === shared.place &&
      key.modes === shared.modes
    )
      return key;
  }
  const key = new SearchKey(shared.ownerId, shared.profession, shared.specialties, shared.place, shared.modes);
  group.keys.push(key);
  return key;
}

/** Whether a state shares everything but its id, times and revision with a profile (same owner and place id given). */
function sameShared(a: SlotShared, b: SlotState): boolean {
  return (
    a.practitionerId === b.practitionerId &&
    a.structureId === b.structureId &&
    a.profession === b.profession &&
    a.appointmentType === b.appointmentType &&
    a.acceptsBeyondSlots === b.acceptsBeyondSlots &&
    a.bookingUrl === b.bookingUrl &&
    a.capacity === b.capacity &&
    sameIdentifier(a.practitioner, b.practitioner) &&
    sameIdentifier(a.structure, b.structure) &&
    sameList(a.specialties, b.specialties) &&
    sameList(a.visibility, b.visibility) &&
    sameList(a.modes, b.modes) &&
    samePlace(a.place, b.place)
  );
}

/**
 * Every field of a place, in the contract's order: what interning copies and compares (a
 * record, so that the compiler names a field the contract gains and this list lacks).
 */
const PLACE_FIELD_ORDER: Record<keyof SlotPlace, true> = {
  placeId: true,
  communeCode: true,
  latitude: true,
  longitude: true,
  homeVisitRadiusKm: true,
  wheelchairAccessible: true,
  conventionSector: true,
  thirdPartyPayment: true,
  languages: true,
  treatsWithoutCover: true,
  interpreting: true,
  accessibility: true,
  revision: true,
  name: true,
  addressLine: true,
  postalCode: true,
  city: true,
  phone: true,
  regulatorPhone: true,
  acceptsBeyondSlots: true,
};
const PLACE_FIELDS = Object.keys(PLACE_FIELD_ORDER) as (keyof SlotPlace)[];
/** The fields holding lists: interned as lists, compared item by item. */
const LIST_FIELDS = new Set<keyof SlotPlace>(['languages', 'accessibility']);

export function samePlace(a: SlotPlace, b: SlotPlace): boolean {
  for (const field of PLACE_FIELDS) {
    const [x, y] = [a[field], b[field]];
    if (x === y) continue;
    if (!LIST_FIELDS.has(field) || x === undefined || y === undefined) return false;
    if (!sameList(x as readonly string[], y as readonly string[])) return false;
  }
  return true;
}

function sameIdentifier(
  a: { system: string; value: string } | undefined,
  b: { system: string; value: string } | undefined,
): boolean {
  return a === b || (a !== undefined && b !== undefined && a.system === b.system && a.value === b.value);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
