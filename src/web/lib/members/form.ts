import type { MemberView } from '../../../members/model.js';

/**
 * A member form's fields (strings from a plain HTML form) as a member request: numbers
 * for RT/RW, a list of skills, booleans for checkboxes. Anything malformed is passed on
 * as it is, so the use case reports it on the right field.
 */
export function memberRequestFromForm(values: Record<string, unknown>): Record<string, unknown> {
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const num = (k: string) => {
    const v = text(k);
    if (v === undefined) return null;
    return /^\d+$/.test(v) ? Number(v) : v;
  };
  return {
    fullName: text('fullName') ?? '',
    gender: text('gender'),
    birthDate: text('birthDate') ?? null,
    nik: text('nik') ?? null,
    phone: text('phone') ?? null,
    email: text('email') ?? null,
    street: text('street') ?? null,
    villageCode: text('villageCode') ?? null,
    rt: num('rt'),
    rw: num('rw'),
    householdCode: text('householdCode') ?? null,
    occupation: text('occupation') ?? null,
    skills: (text('skills') ?? '')
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean),
    civilSocietyGroup: text('civilSocietyGroup') ?? null,
    isWellOff: values.isWellOff === 'on' || values.isWellOff === 'true',
    receivesStateAid: values.receivesStateAid === 'on' || values.receivesStateAid === 'true'
  };
}

/** A member record as the form's initial values. */
export function memberFormValues(
  m: Pick<
    MemberView,
    | 'fullName'
    | 'gender'
    | 'birthDate'
    | 'nik'
    | 'phone'
    | 'email'
    | 'street'
    | 'villageCode'
    | 'rt'
    | 'rw'
    | 'householdCode'
    | 'occupation'
    | 'skills'
    | 'civilSocietyGroup'
    | 'isWellOff'
    | 'receivesStateAid'
  >
): Record<string, unknown> {
  return {
    fullName: m.fullName,
    gender: m.gender,
    birthDate: m.birthDate ?? '',
    nik: m.nik ?? '',
    phone: m.phone ? `0${m.phone.slice(2)}` : '',
    email: m.email ?? '',
    street: m.street ?? '',
    villageCode: m.villageCode ?? '',
    rt: m.rt ?? '',
    rw: m.rw ?? '',
    householdCode: m.householdCode ?? '',
    occupation: m.occupation ?? '',
    skills: m.skills.join(', '),
    civilSocietyGroup: m.civilSocietyGroup ?? '',
    isWellOff: m.isWellOff ? 'on' : undefined,
    receivesStateAid: m.receivesStateAid ? 'on' : undefined
  };
}
