import { Conflict, InvalidInput } from '@sas/platform';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allowedActions, CaseState, CaseView, checkDecision, checkTransition, nextState, OPENING_STATE } from './case-workflow';

const kase = (over: Partial<CaseView> = {}): CaseView => ({
  state: 'assessed',
  hasTreatingDoctor: false,
  treatingDoctorTried: false,
  consultationNeeded: true,
  appointmentId: null,
  ...over,
});

function errorOf(work: () => void): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('case workflow', () => {
  it('follows the regulation chain: triage first, then assessment, then the rest', () => {
    expect(allowedActions(kase({ state: 'opened' }))).toEqual(['triage']);
    expect(allowedActions(kase({ state: 'gp-regulation' }))).toEqual(['assessment']);
    expect(allowedActions(kase({ state: 'emergency-regulation' }))).toEqual(['orientation']);
    expect(allowedActions(kase({ state: 'assessed' }))).toEqual([
      'assessment',
      'treating-doctor-attempt',
      'search',
      'orientation',
    ]);
    expect(allowedActions(kase({ state: 'completed' }))).toEqual([]);
  });

  it('refuses an invalid transition with 409 naming the allowed actions', () => {
    const error = errorOf(() => checkTransition(kase({ state: 'opened' }), 'orientation'));
    expect(error).toBeInstanceOf(Conflict);
    expect(error).toMatchObject({ reason: 'invalid-transition', details: { state: 'opened', allowed: ['triage'] } });
  });

  it('re-orients a final outcome, but not while a booked appointment is pending', () => {
    expect(() => checkTransition(kase({ state: 'oriented' }), 'orientation')).not.toThrow();
    expect(errorOf(() => checkTransition(kase({ state: 'oriented', appointmentId: 'a' }), 'orientation'))).toMatchObject({
      details: { allowed: [] },
    });
  });

  it('asks each outcome for what it needs (400 naming the field)', () => {
    expect(errorOf(() => checkDecision(kase(), { outcome: 'snp-consultation' }))).toMatchObject({
      errors: [{ field: 'slotId' }],
    });
    expect(errorOf(() => checkDecision(kase(), { outcome: 'no-solution' }))).toMatchObject({
      errors: [{ field: 'noSolutionReason' }],
    });
    expect(errorOf(() => checkDecision(kase(), { outcome: 'marketplace' }))).toMatchObject({
      errors: [{ field: 'practitionerRpps' }],
    });
    expect(errorOf(() => checkDecision(kase(), { outcome: 'medical-advice', slotId: 's' }))).toBeInstanceOf(InvalidInput);
    expect(() => checkDecision(kase(), { outcome: 'no-solution', noSolutionReason: 'no-slot-in-radius' })).not.toThrow();
    expect(() => checkDecision(kase(), { outcome: 'beyond-published-slots', practitionerRpps: '10000000006' })).not.toThrow();
  });

  it('keeps emergency cases to emergency outcomes', () => {
    expect(errorOf(() => checkDecision(kase({ state: 'emergency-regulation' }), { outcome: 'pharmacy' }))).toMatchObject({
      reason: 'outcome-not-allowed',
    });
    expect(() => checkDecision(kase({ state: 'emergency-regulation' }), { outcome: 'smur' })).not.toThrow();
  });

  it("tries the patient's own doctor before booking another, and books only after a consultation was decided", () => {
    const untried = kase({ hasTreatingDoctor: true });
    expect(errorOf(() => checkDecision(untried, { outcome: 'snp-consultation', slotId: 's' }))).toMatchObject({
      reason: 'treating-doctor-not-tried',
      details: { allowed: ['treating-doctor-attempt'] },
    });
    expect(() =>
      checkDecision({ ...untried, treatingDoctorTried: true }, { outcome: 'snp-consultation', slotId: 's' }),
    ).not.toThrow();
    expect(
      errorOf(() => checkDecision(kase({ consultationNeeded: false }), { outcome: 'snp-consultation', slotId: 's' })),
    ).toMatchObject({
      reason: 'no-consultation-decided',
    });
  });
});

describe('nextState: where a case goes, computed in case-workflow only', () => {
  const STATES: CaseState[] = [
    'opened',
    'emergency-regulation',
    'gp-regulation',
    'assessed',
    'awaiting-vendor-confirmation',
    'oriented',
    'reorientation-needed',
    'completed',
  ];

  it('triage sends life-threatening calls to emergency regulation, the others to the GP regulator', () => {
    expect(nextState({ state: 'opened' }, { type: 'triaged', lifeThreatening: true })).toEqual({
      state: 'emergency-regulation',
      releasesAppointment: false,
    });
    expect(nextState({ state: 'opened' }, { type: 'triaged', lifeThreatening: false })).toEqual({
      state: 'gp-regulation',
      releasesAppointment: false,
    });
  });

  it('an assessment keeps a case awaiting re-orientation there, and assesses any other', () => {
    expect(nextState({ state: 'reorientation-needed' }, { type: 'assessed' }).state).toBe('reorientation-needed');
    expect(nextState({ state: 'gp-regulation' }, { type: 'assessed' }).state).toBe('assessed');
    expect(nextState({ state: 'assessed' }, { type: 'assessed' }).state).toBe('assessed');
  });

  it('an orientation orients', () => {
    for (const state of ['assessed', 'emergency-regulation', 'reorientation-needed', 'oriented'] as const) {
      expect(nextState({ state }, { type: 'oriented' })).toEqual({ state: 'oriented', releasesAppointment: false });
    }
  });

  it.each(STATES)("an appointment's outcome moves only an oriented case (here: %s)", (state) => {
    const honoured = nextState({ state }, { type: 'appointment-honoured' });
    const noShow = nextState({ state }, { type: 'appointment-no-show' });
    const cancelled = nextState({ state }, { type: 'appointment-cancelled' });
    if (state === 'oriented') {
      expect(honoured).toEqual({ state: 'completed', releasesAppointment: false });
      expect(noShow).toEqual({ state: 'reorientation-needed', releasesAppointment: true });
      expect(cancelled).toEqual({ state: 'reorientation-needed', releasesAppointment: true });
    } else {
      expect([honoured, noShow, cancelled]).toEqual([undefined, undefined, undefined]);
    }
  });

  it('a new case opens', () => {
    expect(OPENING_STATE).toBe('opened');
  });

  it("no other file of orientation writes a case's state", () => {
    const root = join(__dirname, '..');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? e.name === 'migrations'
            ? []
            : files(join(dir, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('spec.ts')
            ? [join(dir, e.name)]
            : [],
      );
    // A case state written as a literal: `state: 'oriented'`, `state = 'completed'`, `SET state = …` on the case table.
    const literal = new RegExp(
      `\\bstate\\s*[:=]\\s*'(${STATES.join('|')})'|UPDATE\\s+orientation\\.regulation_case\\b[^\`]*\\bstate\\b`,
      'g',
    );
    const offenders = files(root)
      .filter((file) => !file.endsWith(join('cases', 'case-workflow.ts')))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(literal)].map((m) => `${relative(root, file)}: ${m[0]}`));
    expect(offenders).toEqual([]);
    expect("x.state = 'completed'".match(literal)).not.toBeNull();
  });
});

describe('hand-over to a vendor: nextState of its facts', () => {
  const waiting = kase({ state: 'awaiting-vendor-confirmation' });
  const slot = 'b6e39355-8a61-4556-b340-36f7b95fec6a';
  const oriented = { state: 'oriented', releasesAppointment: false };

  it('keeps the search open while the vendor confirms, and lets the regulator orient otherwise', () => {
    expect(allowedActions(waiting)).toEqual(['search', 'orientation']);
    expect(nextState(waiting, { type: 'oriented' })).toEqual(oriented);
  });

  it.each(['assessed', 'emergency-regulation', 'reorientation-needed', 'oriented', 'awaiting-vendor-confirmation'] as const)(
    'a hand-over makes a case %s wait for the vendor',
    (state) => {
      expect(nextState({ state }, { type: 'handed-over' })).toEqual({
        state: 'awaiting-vendor-confirmation',
        releasesAppointment: false,
      });
    },
  );

  it.each([
    ['waiting for that slot', waiting, slot, oriented],
    ['timed out, nobody oriented it since', kase({ state: 'reorientation-needed' }), slot, oriented],
    ['waiting for another slot (handed over again)', waiting, 'another-slot', undefined],
    ['timed out, then handed over another slot', kase({ state: 'reorientation-needed' }), 'another-slot', undefined],
    ['oriented otherwise after the time-out', kase({ state: 'oriented', appointmentId: 'a1' }), slot, undefined],
    ['oriented without a slot after the time-out', kase({ state: 'oriented' }), slot, undefined],
    ['completed', kase({ state: 'completed' }), slot, undefined],
    ['assessed, never handed over', kase({ state: 'assessed' }), null, undefined],
  ])("a vendor's confirmation of a case %s: %j", (_, view, handedOver, change) => {
    expect(nextState(view, { type: 'vendor-confirmed', handedOverSlotId: handedOver, bookedSlotId: slot })).toEqual(change);
  });

  it('times out only a waiting case, once the limit has passed', () => {
    const handedOverAt = new Date('2026-12-04T10:00:00Z');
    const timedOut = (view: Pick<CaseView, 'state'>, at: string, from: Date | null = handedOverAt) =>
      nextState(view, { type: 'hand-over-timed-out', handedOverAt: from, timeoutMs: 20 * 60_000, at: new Date(at) });
    expect(timedOut(waiting, '2026-12-04T10:19:59Z')).toBeUndefined();
    expect(timedOut(waiting, '2026-12-04T10:20:00Z')).toEqual({ state: 'reorientation-needed', releasesAppointment: false });
    expect(timedOut(waiting, '2026-12-04T11:00:00Z', null)).toBeUndefined();
    for (const state of ['assessed', 'oriented', 'reorientation-needed', 'completed'] as const) {
      expect(timedOut({ state }, '2026-12-04T11:00:00Z')).toBeUndefined();
    }
  });
});
