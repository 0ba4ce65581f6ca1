import { cloudEventType, EventDefinition } from './event-definition';
import {
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentHonoured,
  AppointmentMoved,
  AppointmentNoShow,
} from './events/appointment-events';
import { CaseOpened, CaseStepRecorded, PatientOriented } from './events/case-events';
import { CptsRegistered, PlaceRetired, PlaceUpdated, PractitionerRetired, PractitionerUpdated } from './events/directory-events';
import { IndicatorsUpdated } from './events/indicator-events';
import { RegulatorAccountChanged } from './events/regulator-events';
import { SlotPublished, SlotUpdated, SlotWithdrawn } from './events/slot-events';

/** Every event of the system. The single source of truth: nothing defines an event elsewhere. */
export const EventCatalogue: readonly EventDefinition[] = [
  SlotPublished,
  SlotUpdated,
  SlotWithdrawn,
  AppointmentBooked,
  AppointmentCancelled,
  AppointmentHonoured,
  AppointmentNoShow,
  AppointmentMoved,
  PlaceUpdated,
  PlaceRetired,
  PractitionerUpdated,
  PractitionerRetired,
  CptsRegistered,
  CaseOpened,
  CaseStepRecorded,
  PatientOriented,
  IndicatorsUpdated,
  RegulatorAccountChanged,
];

const byType = new Map(EventCatalogue.map((d) => [cloudEventType(d), d]));
const byName = new Map(EventCatalogue.map((d) => [d.name, d]));

/** The definition for a CloudEvents `type`, or undefined when the catalogue does not know it. */
export function findEventByType(type: string): EventDefinition | undefined {
  return byType.get(type);
}

/** The definition for an event name such as `slot-published`. */
export function findEventByName(name: string): EventDefinition | undefined {
  return byName.get(name);
}

/** All topics that carry catalogued events. */
export function catalogueTopics(): string[] {
  return [...new Set(EventCatalogue.map((d) => d.topic))];
}
