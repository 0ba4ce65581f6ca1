import { freeAndNotStartedSql, NEW_SLOT_SQL, slotGuardSql, slotTransitionSetSql, withdrawalReasonOf } from './slot-transitions';

describe('the SQL of slot transitions, derived from the decider', () => {
  it('guards "free and not started" with one fragment, aliased or not', () => {
    expect(freeAndNotStartedSql('$3')).toBe("status = 'free' AND start_at > $3");
    expect(freeAndNotStartedSql('$2', 's')).toBe("s.status = 'free' AND s.start_at > $2");
  });

  it('uses that guard for every command that takes a free slot off the list, and the opposite one for expiry', () => {
    for (const type of ['book', 'book-elsewhere', 'withdraw', 'withdraw-unconfirmed', 'modify'] as const) {
      expect(slotGuardSql(type, '$1')).toBe(freeAndNotStartedSql('$1'));
    }
    expect(slotGuardSql('expire', '$1')).toBe("status = 'free' AND start_at <= $1");
  });

  it('sets the target status and the next revision', () => {
    expect(slotTransitionSetSql('book')).toBe("status = 'booked', revision = revision + 1, updated_at = now()");
    expect(slotTransitionSetSql('withdraw-unconfirmed', 's')).toBe(
      "status = 'withdrawn', revision = s.revision + 1, updated_at = now()",
    );
    expect(slotTransitionSetSql('expire')).toBe("status = 'expired', revision = revision + 1, updated_at = now()");
  });

  it('names the withdrawal reason of each bulk transition', () => {
    expect(withdrawalReasonOf('withdraw-unconfirmed')).toBe('vendor-unreachable');
    expect(withdrawalReasonOf('book-elsewhere')).toBe('booked-elsewhere');
    expect(NEW_SLOT_SQL).toBe("'free', 1, 0");
  });
});
