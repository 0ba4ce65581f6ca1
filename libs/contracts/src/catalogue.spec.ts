import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from './asyncapi';
import { EventCatalogue, findEventByName, findEventByType } from './catalogue';
import { cloudEventType } from './event-definition';
import { PatientOriented } from './events/case-events';
import { validatePayload } from './validation';

/**
 * Every property name anywhere in a JSON Schema, except inside a `practitioner` object (a
 * booked professional's name is sent to the SAMU's regulation software and is not patient
 * data) and a `place` object (a practice's address and phone numbers are what a regulator
 * calls; the test below pins what a place may carry).
 */
function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const properties = 'properties' in schema ? (schema as { properties: Record<string, unknown> }).properties : {};
  const own = Object.keys(properties);
  const nested = Object.entries(schema).flatMap(([key, value]) =>
    key === 'properties'
      ? Object.entries(properties).flatMap(([name, child]) =>
          name === 'practitioner' || name === 'place' ? [] : propertyNames(child),
        )
      : propertyNames(value),
  );
  return [...own, ...nested];
}

describe('event catalogue', () => {
  it('has unique names and CloudEvents types, each findable', () => {
    const names = EventCatalogue.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const def of EventCatalogue) {
      expect(findEventByName(def.name)).toBe(def);
      expect(findEventByType(cloudEventType(def))).toBe(def);
    }
  });

  it('declares a key field that every payload must have', () => {
    for (const def of EventCatalogue) {
      expect((def.schema as { required?: string[] }).required).toContain(def.keyField);
    }
  });

  it('gives events of one topic the same key field, so an aggregate stays in order', () => {
    const keyByTopic = new Map<string, string>();
    for (const def of EventCatalogue) {
      expect(keyByTopic.get(def.topic) ?? def.keyField).toBe(def.keyField);
      keyByTopic.set(def.topic, def.keyField);
    }
  });

  it('carries no direct patient identifier in any event', () => {
    const forbidden =
      /^(name|firstName|lastName|givenName|familyName|patient.*|phone.*|nir|ssn|socialSecurityNumber|address|street|email|birthDate|dateOfBirth)$/i;
    for (const def of EventCatalogue) {
      expect({ event: def.name, fields: propertyNames(def.schema).filter((p) => forbidden.test(p)) }).toEqual({
        event: def.name,
        fields: [],
      });
    }
  });

  it('names people only as practitioners, never the patient nor a regulator', () => {
    const practitioner = (PatientOriented.schema as unknown as { properties: Record<string, { properties: object }> }).properties
      .practitioner;
    expect(Object.keys(practitioner.properties).sort()).toEqual(['familyName', 'givenName', 'profession', 'specialties']);
    expect(propertyNames({ properties: { patient: { properties: { familyName: {} } } } })).toEqual(['patient', 'familyName']);
  });

  it("lets a place carry the practice's address and phones, and nothing about a patient", () => {
    const placeFields = (schema: unknown) =>
      Object.keys((schema as { properties: { place: { properties: object } } }).properties.place.properties).sort();
    const expected = [
      'acceptsBeyondSlots',
      'accessibility',
      'addressLine',
      'city',
      'communeCode',
      'conventionSector',
      'homeVisitRadiusKm',
      'interpreting',
      'languages',
      'latitude',
      'longitude',
      'name',
      'phone',
      'placeId',
      'postalCode',
      'regulatorPhone',
      'revision',
      'thirdPartyPayment',
      'treatsWithoutCover',
      'wheelchairAccessible',
    ];
    for (const def of EventCatalogue.filter((d) => 'place' in ((d.schema as { properties?: object }).properties ?? {})))
      expect({ event: def.name, fields: placeFields(def.schema) }).toEqual({ event: def.name, fields: expected });
  });

  it('tolerates unknown fields but reports a wrong one by path', () => {
    const valid = {
      caseId: '6f1c2d7e-8a9b-4c3d-9e8f-7a6b5c4d3e2f',
      territory: '92',
      communeCode: '92044',
      ageBand: '26-45',
      reasonCategory: 'fever',
      outcome: 'no-solution',
      reorientation: false,
      callReceivedAt: '2026-11-22T10:00:00+01:00',
      orientedAt: '2026-11-22T10:20:00+01:00',
      noSolutionReason: 'no-slot-in-radius',
    };
    expect(validatePayload(PatientOriented, { ...valid, futureField: 1 })).toEqual([]);
    expect(validatePayload(PatientOriented, { ...valid, outcome: 'teleportation' })).toEqual(
      expect.arrayContaining([expect.stringContaining('/outcome')]),
    );
  });

  it('matches the committed AsyncAPI document (run `npm run contracts:asyncapi` after a change)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument())));
  });
});
