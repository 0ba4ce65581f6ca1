import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every change of a slot's status goes through the lifecycle decider (slot-lifecycle.ts)
 * and its persistence (slot-transitions.ts). This spec lists the writers: it scans
 * scheduling's sources for a SQL or ORM write of `slot.status` anywhere else and fails
 * naming the file and the line.
 */

const ROOT = join(__dirname, '..');
const HOME = ['slots/slot-lifecycle.ts', 'slots/slot-transitions.ts'];
const SLOT_STATUS = /'(free|booked|booked-elsewhere|withdrawn|expired)'/;

/** What in a source writes a slot's status outside the lifecycle: one line per finding. */
export function slotStatusWrites(source: string): string[] {
  const found: string[] = [];
  const lineOf = (index: number) => source.slice(0, index).split('\n').length;
  // SQL: an UPDATE of the slot table that names the status (in SET or in its guard), or an INSERT with a status literal.
  for (const match of source.matchAll(/(UPDATE\s+scheduling\.slot\b|INSERT\s+INTO\s+scheduling\.slot\b)[^`]*/g)) {
    // The statement ends at its RETURNING or at the next statement of a WITH (e.g. the booking's INSERT of the appointment).
    const statement = match[0].split(
      /\bRETURNING\b|\bINSERT\s+INTO\s+scheduling\.(?!slot\b)|\bUPDATE\s+scheduling\.(?!slot\b)/,
    )[0];
    const writes = match[1].startsWith('UPDATE') ? /\bstatus\b/.test(statement) : SLOT_STATUS.test(statement);
    if (writes) found.push(`line ${lineOf(match.index)}: SQL ${match[1].replace(/\s+/g, ' ')} with the status`);
  }
  // ORM: any write through the slot repository or the slot entity.
  for (const match of source.matchAll(
    /getRepository\(SlotEntity\)\s*\.\s*(update|save|insert|upsert|delete|increment)\(|\.(update|save|insert|upsert)\(\s*SlotEntity\b/g,
  )) {
    found.push(`line ${lineOf(match.index)}: ORM write of a slot`);
  }
  // In memory, before a save: an assignment of a slot's status.
  for (const match of source.matchAll(/\b\w*(slot|current|gone|claimed|previous)\w*\.status\s*=(?!=)/gi)) {
    found.push(`line ${lineOf(match.index)}: assigns a slot's status`);
  }
  for (const match of source.matchAll(
    /Object\.assign\(\s*(new SlotEntity\(\)|\w*(slot|current|gone|claimed)\w*)\b[^;]*?\bstatus\s*:/gis,
  )) {
    found.push(`line ${lineOf(match.index)}: sets a slot's status with Object.assign`);
  }
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' || entry.name === 'fixtures' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('spec.ts') ? [path] : [];
  });
}

describe('slot status writers', () => {
  it('finds none in scheduling outside the lifecycle decider and its persistence module', () => {
    const offenders = sources(ROOT)
      .map((path) => relative(ROOT, path))
      .filter((file) => !HOME.includes(file))
      .flatMap((file) => slotStatusWrites(readFileSync(join(ROOT, file), 'utf8')).map((finding) => `${file} ${finding}`));
    expect(offenders).toEqual([]);
  });

  it('scans a real tree: the sources of scheduling include the known writers', () => {
    const files = sources(ROOT).map((path) => relative(ROOT, path));
    expect(files).toEqual(
      expect.arrayContaining([
        'appointments/appointments.service.ts',
        'slots/slot-expiry.job.ts',
        'fhir/vendor-sync.service.ts',
        ...HOME,
      ]),
    );
    // The persistence module itself writes: the scanner sees it.
    expect(slotStatusWrites(readFileSync(join(ROOT, 'slots/slot-transitions.ts'), 'utf8')).length).toBeGreaterThan(0);
  });

  it.each([
    [
      'the booking claim as it was',
      "`UPDATE scheduling.slot SET status = 'booked', revision = revision + 1 WHERE id = $1 AND status = 'free'`",
    ],
    [
      'a bulk withdrawal with an alias',
      "`UPDATE scheduling.slot s SET status = 'withdrawn' FROM scheduling.practitioner p WHERE p.id = s.practitioner_id`",
    ],
    ['an insert with a literal status', "`INSERT INTO scheduling.slot (id, status) VALUES ($1, 'free')`"],
    [
      'a claim inside a WITH',
      "`WITH c AS (UPDATE scheduling.slot SET status = 'booked' WHERE id = $1 RETURNING id) INSERT INTO scheduling.appointment (status) SELECT 'booked' FROM c`",
    ],
    ['an ORM update', 'await tx.getRepository(SlotEntity).update(slot.id, { status, revision: slot.revision });'],
    ['an ORM save', 'await tx.getRepository(SlotEntity).save(slot);'],
    ['a query builder update', 'await tx.createQueryBuilder().update(SlotEntity).set({ status: "withdrawn" }).execute();'],
    ['an assignment', "slot.status = released ? 'free' : 'expired';"],
    ['an Object.assign', "Object.assign(current, offerOf(item, context), { status: 'free' });"],
  ])('catches %s', (_, source) => {
    expect(slotStatusWrites(source)).toHaveLength(1);
  });

  it.each([
    ['a read of free slots', "`SELECT id FROM scheduling.slot WHERE status = 'free' AND start_at > $1`"],
    [
      'a claim built by the lifecycle, then an appointment with its status',
      "`WITH c AS (UPDATE scheduling.slot SET ${set} WHERE ${guard} RETURNING id) INSERT INTO scheduling.appointment (status) SELECT 'booked' FROM c`",
    ],
    [
      'an update of other columns',
      '`UPDATE scheduling.slot s SET reasons = x.reasons FROM jsonb_to_recordset($1::jsonb) AS x(id uuid) WHERE s.id = x.id`',
    ],
    [
      'an appointment status',
      "appointment.status = 'cancelled'; await tx.getRepository(AppointmentEntity).update(appointment.id, { status: 'cancelled' });",
    ],
    ['a comparison', "if (slot.status === 'free') return;"],
  ])('lets %s pass', (_, source) => {
    expect(slotStatusWrites(source)).toEqual([]);
  });
});
