import { fromKafkaRecord } from '@sas/contracts';
import { isPdsaPeriod, utcToParisLocal } from '@sas/referentials';
import { ReadMessage } from './topic-reader';

/** A payment line as recounted from the topics: per RPPS (and FINESS) and month. */
export interface RecountedLine {
  rpps: string;
  finess: string | null;
  honoured: number;
  paid: number;
  paidPdsa: number;
  paidOutsidePdsa: number;
  video: number;
}

const CAP = 20;

/** The fields of slot and appointment events the recount reads (each event has some of them). */
interface EventData {
  slotId: string;
  revision: number;
  practitioner?: { system: string; value: string };
  structure?: { system: string; value: string };
  appointmentId: string;
  bookedAt?: string;
  movedAt?: string;
  start: string;
  mode: string;
  performingPractitionerRpps?: string;
}

/**
 * The SAS supplement recounted from the slot and appointment events as a BI consumer reads
 * them, written apart from the indicators' code: the latest booking or move of each
 * appointment gives its slot, start and mode; an honoured report makes it a performed
 * consultation, by the RPPS it names or else the slot's practitioner's; the first 20 of
 * each practitioner's ISO week (Paris time, in time order) are paid. Only the PDSA
 * calendar is shared (it is table-tested in referentials). Lines by month (YYYY-MM).
 */
export function recountPayments(messages: ReadMessage[]): Map<string, RecountedLine[]> {
  const slots = new Map<string, { revision: number; rpps: string | null; finess: string | null }>();
  const appointments = new Map<
    string,
    { placedAt: string; slotId: string; start: string; mode: string; honoured: boolean; performer?: string }
  >();
  const events = messages.map((m) => fromKafkaRecord(m.message)).map((e) => ({ type: e.type, data: e.data as EventData }));
  for (const { type, data } of events) {
    if (type === 'fr.sas.slot-published.v1' || type === 'fr.sas.slot-updated.v1') {
      const known = slots.get(data.slotId);
      if (known && known.revision >= data.revision) continue;
      slots.set(data.slotId, {
        revision: data.revision,
        rpps: data.practitioner?.system === 'RPPS' ? data.practitioner.value : null,
        finess: data.structure?.system === 'FINESS' ? data.structure.value : null,
      });
    }
  }
  const outcomes: EventData[] = [];
  for (const { type, data } of events) {
    const placedAt =
      type === 'fr.sas.appointment-booked.v1' ? data.bookedAt : type === 'fr.sas.appointment-moved.v1' ? data.movedAt : undefined;
    if (placedAt) {
      const known = appointments.get(data.appointmentId);
      if (!known || known.placedAt < placedAt)
        appointments.set(data.appointmentId, {
          placedAt,
          slotId: data.slotId,
          start: data.start,
          mode: data.mode,
          honoured: known?.honoured ?? false,
          performer: known?.performer,
        });
    }
    if (type === 'fr.sas.appointment-honoured.v1') outcomes.push(data);
  }
  for (const data of outcomes) {
    const a = appointments.get(data.appointmentId);
    if (!a) throw new Error(`honoured appointment ${data.appointmentId} was never booked`);
    a.honoured = true;
    a.performer ??= data.performingPractitionerRpps;
  }
  const performed = [...appointments.entries()]
    .filter(([, a]) => a.honoured)
    .map(([id, a]) => ({
      id,
      ...a,
      rpps: a.performer ?? slots.get(a.slotId)?.rpps ?? null,
      finess: slots.get(a.slotId)?.finess ?? null,
    }))
    .sort((x, y) => Date.parse(x.start) - Date.parse(y.start) || x.id.localeCompare(y.id));
  const ranks = new Map<string, number>();
  const months = new Map<string, Map<string, RecountedLine>>();
  for (const c of performed) {
    if (!c.rpps) continue;
    const local = utcToParisLocal(new Date(c.start));
    // The ISO week by its Monday: the local date minus (weekday − 1) days, counted in UTC days.
    const monday = new Date(Date.parse(`${local.date}T00:00:00Z`) - (local.weekday - 1) * 86_400_000).toISOString().slice(0, 10);
    const rank = (ranks.get(`${c.rpps} ${monday}`) ?? 0) + 1;
    ranks.set(`${c.rpps} ${monday}`, rank);
    const month = local.date.slice(0, 7);
    if (!months.has(month)) months.set(month, new Map());
    const lines = months.get(month)!;
    const key = `${c.rpps} ${c.finess}`;
    if (!lines.has(key))
      lines.set(key, { rpps: c.rpps, finess: c.finess, honoured: 0, paid: 0, paidPdsa: 0, paidOutsidePdsa: 0, video: 0 });
    const line = lines.get(key)!;
    line.honoured++;
    if (c.mode === 'VR') line.video++;
    if (rank <= CAP) {
      line.paid++;
      if (isPdsaPeriod(new Date(c.start))) line.paidPdsa++;
      else line.paidOutsidePdsa++;
    }
  }
  return new Map(
    [...months].map(([month, lines]) => [
      month,
      [...lines.values()].sort((a, b) => a.rpps.localeCompare(b.rpps) || (a.finess ?? '').localeCompare(b.finess ?? '')),
    ]),
  );
}
