import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cadencePeriods, consensusReached, countPositions, decideOutcome, meetingIcs, passesThreshold, quorumRequired, tally, validateBallot, zoneOfProvince } from './model.js';

describe('quorumRequired', () => {
  it('needs 10 of 20 at 50 %, 11 of 20 and 11 of 21 at more than half', () => {
    expect(quorumRequired({ kind: 'percent', bp: 5000 }, 20)).toBe(10);
    expect(quorumRequired({ kind: 'more_than_half' }, 20)).toBe(11);
    expect(quorumRequired({ kind: 'more_than_half' }, 21)).toBe(11);
    expect(quorumRequired({ kind: 'percent', bp: 6667 }, 3)).toBe(3);
    expect(quorumRequired({ kind: 'percent', bp: 3333 }, 3)).toBe(1);
  });

  it('is the smallest count whose share reaches the percentage (integers only)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100_000 }), (bp, eligible) => {
        const q = quorumRequired({ kind: 'percent', bp }, eligible);
        return q * 10_000 >= bp * eligible && (q - 1) * 10_000 < bp * eligible;
      })
    );
  });
});

describe('outcome', () => {
  const rule = { method: 'yes_no' as const, quorum: { kind: 'more_than_half' as const }, thresholdBp: 5000, seats: 1, eligible: 20, basis: 'ballots' as const };
  const ballots = (yes: number, no: number, abstain: number) => [...Array(yes).fill(['yes']), ...Array(no).fill(['no']), ...Array(abstain).fill(['abstain'])];

  it('is NO_QUORUM for nine ballots of twenty, however they voted', () => {
    expect(decideOutcome(rule, tally('yes_no', [], ballots(9, 0, 0))).outcome).toBe('no_quorum');
  });

  it('fails a tie and passes one vote more', () => {
    expect(decideOutcome(rule, tally('yes_no', [], ballots(6, 6, 0))).outcome).toBe('rejected');
    expect(decideOutcome(rule, tally('yes_no', [], ballots(7, 6, 0))).outcome).toBe('passed');
    expect(passesThreshold(2, 1, 6666)).toBe(true);
    expect(passesThreshold(3, 2, 6666)).toBe(false);
  });

  it('elects the top seats and reports a tie at the last seat', () => {
    const opts = [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }];
    const elect = { ...rule, method: 'choose' as const, eligible: 5, seats: 1 };
    expect(decideOutcome(elect, tally('choose', opts, [['a'], ['a'], ['b'], []])).winners).toEqual(['a']);
    expect(decideOutcome(elect, tally('choose', opts, [['a'], ['b'], ['c']])).outcome).toBe('tie');
  });

  it('counts every ballot as one, whoever cast it (weight is always 1)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('yes', 'no', 'abstain'), { maxLength: 200 }), (choices) => {
        const t = tally('yes_no', [], choices.map((c) => [c]));
        return t.method === 'yes_no' && t.yes + t.no + t.abstain === choices.length && t.ballots === choices.length;
      })
    );
  });
});

describe('validateBallot', () => {
  const shape = { method: 'choose' as const, maxChoices: 2, optionIds: ['a', 'b', 'c'] };
  it('returns stable codes', () => {
    expect(validateBallot({ method: 'yes_no', maxChoices: 1, optionIds: [] }, {})).toMatchObject({ code: 'choice_required' });
    expect(validateBallot({ method: 'yes_no', maxChoices: 1, optionIds: [] }, { choice: 'maybe' })).toMatchObject({ code: 'choice_invalid' });
    expect(validateBallot(shape, { options: ['a', 'b', 'c'] })).toMatchObject({ code: 'choice_too_many' });
    expect(validateBallot(shape, { options: ['a', 'a'] })).toMatchObject({ code: 'choice_duplicate' });
    expect(validateBallot(shape, { options: ['z'] })).toMatchObject({ code: 'choice_invalid' });
    expect(validateBallot(shape, { options: [] })).toEqual({ ok: true, choices: [] });
  });
});

describe('musyawarah', () => {
  it('reaches consensus only with agreement and no disagreement or block', () => {
    expect(consensusReached(countPositions(['agree', 'agree', 'abstain']))).toBe(true);
    expect(consensusReached(countPositions(['agree', 'block']))).toBe(false);
    expect(consensusReached(countPositions(['agree', 'disagree']))).toBe(false);
    expect(consensusReached(countPositions(['abstain']))).toBe(false);
  });
});

describe('meetingIcs', () => {
  it('writes a VCALENDAR with one VEVENT in UTC, escaped and folded at 75 octets, naming the local zone', () => {
    const ics = meetingIcs({
      uid: 'abc@lumbung',
      title: 'RAT 2026; Koperasi, Lumbung',
      startsAt: new Date('2026-03-14T02:00:00Z'),
      endsAt: null,
      location: 'Balai RW 5',
      description: `Acara:\n1. ${'Laporan pertanggungjawaban pengurus '.repeat(4)}`,
      zone: zoneOfProvince('34'),
      stamp: new Date('2026-02-01T00:00:00Z')
    });
    expect(ics).toContain('BEGIN:VCALENDAR\r\nVERSION:2.0');
    expect(ics).toContain('DTSTART:20260314T020000Z\r\nDTEND:20260314T040000Z');
    expect(ics).toContain('X-WR-TIMEZONE:Asia/Jakarta');
    expect(ics).toContain('SUMMARY:RAT 2026\\; Koperasi\\, Lumbung');
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('knows WIB, WITA and WIT by province', () => {
    expect(zoneOfProvince('34').label).toBe('WIB');
    expect(zoneOfProvince('51').label).toBe('WITA');
    expect(zoneOfProvince('94').label).toBe('WIT');
  });
});

describe('cadencePeriods', () => {
  it('checks the last complete periods, never before the first meeting', () => {
    expect(cadencePeriods('monthly', '2026-05-10', '2026-01-20')).toEqual([
      { start: '2026-02-01', end: '2026-03-01' },
      { start: '2026-03-01', end: '2026-04-01' },
      { start: '2026-04-01', end: '2026-05-01' }
    ]);
    expect(cadencePeriods('monthly', '2026-05-10', '2026-04-03')).toEqual([{ start: '2026-04-01', end: '2026-05-01' }]);
    expect(cadencePeriods('weekly', '2026-05-13', '2026-05-01')).toEqual([
      { start: '2026-04-27', end: '2026-05-04' },
      { start: '2026-05-04', end: '2026-05-11' }
    ]);
    expect(cadencePeriods('monthly', '2026-05-10', null)).toEqual([]);
  });
});
