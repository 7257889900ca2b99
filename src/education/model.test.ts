import { describe, expect, it } from 'vitest';
import { checkInWindow, completion, normaliseCode, sessionMinutes, sessionsRequired, ZProgrammeRequest, ZSessionRequest } from './model.js';
import { measureEducation, evaluateCompliance } from '../charters/compliance.js';
import type { EducationFacts } from './get-education-facts.js';
import { templateRules } from '../charters/templates.js';

describe('completion by attendance', () => {
  it('asks ceil(share × all sessions), planned ones included', () => {
    expect(sessionsRequired(4, 7500)).toBe(3);
    expect(sessionsRequired(3, 7500)).toBe(3); // 2.25 → 3
    expect(sessionsRequired(10, 7500)).toBe(8); // 7.5 → 8
    expect(sessionsRequired(5, 0)).toBe(1);
    expect(sessionsRequired(0, 7500)).toBe(0);
  });
  it('completes at the threshold, not below; needs the assessment when asked', () => {
    const base = { totalSessions: 4, minAttendanceBp: 7500, requiresAssessment: false, assessment: null };
    expect(completion({ ...base, attended: 2 })).toMatchObject({ completed: false, reason: 'attendance', required: 3 });
    expect(completion({ ...base, attended: 3 })).toMatchObject({ completed: true, reason: 'complete' });
    expect(completion({ ...base, attended: 3, requiresAssessment: true })).toMatchObject({ completed: false, reason: 'assessment' });
    expect(completion({ ...base, attended: 3, requiresAssessment: true, assessment: 'failed' })).toMatchObject({ completed: false });
    expect(completion({ ...base, attended: 4, requiresAssessment: true, assessment: 'passed' })).toMatchObject({ completed: true });
    expect(completion({ ...base, totalSessions: 0, attended: 0 })).toMatchObject({ completed: false, reason: 'no_sessions' });
  });
});

describe('sessions and check-in', () => {
  const s = { startsAt: new Date('2026-12-07T09:00:00Z'), endsAt: new Date('2026-12-07T11:00:00Z'), closedAt: null };
  it('opens check-in 30 minutes early and closes it at the end or when closed', () => {
    expect(checkInWindow(s, new Date('2026-12-07T08:29:00Z'))).toBe('early');
    expect(checkInWindow(s, new Date('2026-12-07T08:30:00Z'))).toBe('open');
    expect(checkInWindow(s, new Date('2026-12-07T11:00:00Z'))).toBe('open');
    expect(checkInWindow(s, new Date('2026-12-07T11:00:01Z'))).toBe('ended');
    expect(checkInWindow({ ...s, closedAt: new Date('2026-12-07T10:00:00Z') }, new Date('2026-12-07T10:01:00Z'))).toBe('ended');
  });
  it('reads codes without case or spaces, and refuses sessions over 24 hours or ending before they start', () => {
    expect(normaliseCode(' ab cd-ef23 ')).toBe('ABCDEF23');
    expect(sessionMinutes('2026-12-07T09:00:00Z', '2026-12-07T10:30:00Z')).toBe(90);
    const bad = ZSessionRequest.safeParse({ topic: 'Panjang', startsAt: '2026-12-07T09:00:00+07:00', endsAt: '2026-12-08T09:01:00+07:00' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual(['edu_session_too_long']);
    const back = ZSessionRequest.safeParse({ topic: 'Mundur', startsAt: '2026-12-07T09:00:00+07:00', endsAt: '2026-12-07T08:00:00+07:00' });
    expect(back.success ? [] : back.error.issues.map((i) => i.message)).toEqual(['edu_ends_before_start']);
    expect(ZSessionRequest.safeParse({ topic: 'Pas', startsAt: '2026-12-07T09:00:00+07:00', endsAt: '2026-12-08T09:00:00+07:00' }).success).toBe(true);
  });
  it('refuses a negative budget and a skills programme without its product line', () => {
    expect(ZProgrammeRequest.safeParse({ title: 'Batik', kind: 'kritis', audience: 'members', budget: -1 }).success).toBe(false);
    const noLine = ZProgrammeRequest.safeParse({ title: 'Batik', kind: 'keterampilan', audience: 'members' });
    expect(noLine.success ? [] : noLine.error.issues.map((i) => i.message)).toEqual(['edu_product_line_required']);
  });
});

describe('charter education rules', () => {
  const facts = (over: Partial<EducationFacts> = {}): EducationFacts => ({
    year: 2026,
    activeMembers: 10,
    activeWithSession: 6,
    activeMinutes: 1200,
    meetingHours: 10,
    lastYear: { sessions: 0, members: 0, meetingHours: 0 },
    minMinutes: 240,
    participants: 8,
    women: 5,
    youth: 2,
    admitted: 0,
    admittedEducated: 0,
    meetings: 0,
    meetingsEducation: 0,
    ...over
  });
  const rules = { ...templateRules('jamaah_produksi'), education: { candidateEducationRequired: true, minHoursPerYear: 4 } };

  it('candidates: pending with nobody admitted, pass when all educated, fail otherwise', () => {
    expect(measureEducation('education.candidate', rules, facts()).status).toBe('pending');
    expect(measureEducation('education.candidate', rules, facts({ admitted: 3, admittedEducated: 3 })).status).toBe('pass');
    expect(measureEducation('education.candidate', rules, facts({ admitted: 3, admittedEducated: 2 })).status).toBe('fail');
  });
  it('hours: last year decides when it had sessions; this year only passes or stays pending', () => {
    expect(measureEducation('education.hours', rules, facts({ lastYear: { sessions: 5, members: 8, meetingHours: 7 } })).status).toBe('fail');
    expect(measureEducation('education.hours', rules, facts({ lastYear: { sessions: 5, members: 8, meetingHours: 8 } })).status).toBe('pass');
    expect(measureEducation('education.hours', rules, facts({ meetingHours: 9 })).status).toBe('pending');
    expect(measureEducation('education.hours', rules, facts({ meetingHours: 10 })).status).toBe('pass');
  });
  it('meetings as education: every regular meeting of the last year linked to a session', () => {
    expect(measureEducation('meetingsEducation', rules, facts()).status).toBe('pending');
    expect(measureEducation('meetingsEducation', rules, facts({ meetings: 4, meetingsEducation: 4 })).status).toBe('pass');
    expect(measureEducation('meetingsEducation', rules, facts({ meetings: 4, meetingsEducation: 3 })).status).toBe('fail');
  });
  it('reports the education rules only where the charter sets them, pending without education facts', () => {
    const members = { active: 25, women: 13, youth: 3, withBirthDate: 25, households: 25, wellOffReceivingStateAid: 0, withRt: 25, distinctRt: 1 };
    const coop = { villageCode: null, rt: null, rw: null };
    const plain = evaluateCompliance(templateRules('tujuh_prinsip'), { members, coop }).map((i) => i.ruleKey);
    expect(plain.filter((k) => k.startsWith('education'))).toEqual([]);
    const withEdu = evaluateCompliance(rules, { members, coop });
    expect(withEdu.filter((i) => ['education.candidate', 'education.hours', 'meetingsEducation'].includes(i.ruleKey)).map((i) => [i.ruleKey, i.status])).toEqual([
      ['education.candidate', 'pending'],
      ['education.hours', 'pending'],
      ['meetingsEducation', 'pending']
    ]);
  });
});
