import { AppError } from '../kernel/errors.js';

/** Map a constraint the database enforced to the error the domain would have raised. */
export function catalogueConstraintError(err: unknown): unknown {
  const e = err as { constraint?: string; code?: string };
  switch (e.constraint) {
    case 'work_variants_coop_id_sku_key':
      return new AppError('CATALOGUE_SKU_TAKEN', { fields: [{ field: 'variants', code: 'sku_taken' }] });
    case 'work_variants_coop_id_work_id_size_colour_key':
      return new AppError('VALIDATION_FAILED', { fields: [{ field: 'variants', code: 'variant_duplicate' }] });
    case 'works_coop_id_slug_key':
      return new AppError('CONFLICT');
    case 'work_creators_shares_sum':
      return new AppError('VALIDATION_FAILED', { fields: [{ field: 'creators', code: 'bp_sum_invalid' }] });
    case 'works_published_creators':
      return new AppError('CATALOGUE_NO_CREATORS');
    case 'works_units_within_limit':
      // An edition made smaller than the units already sold (or an original made of one sold edition).
      return new AppError('VALIDATION_FAILED', { fields: [{ field: 'attributes.editionSize', code: 'edition_below_sold' }] });
    default:
      return err;
  }
}
