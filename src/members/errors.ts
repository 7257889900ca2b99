import { AppError } from '../kernel/errors.js';

/** The unique (coop_id, nik) constraint as a user-facing error on the NIK field, else null. */
export function nikTakenError(err: unknown): AppError | null {
  const constraint = (err as { constraint?: string } | null)?.constraint;
  return constraint === 'members_coop_id_nik_key' ? new AppError('MEMBER_NIK_TAKEN', { fields: [{ field: 'nik', code: 'nik_taken' }] }) : null;
}
