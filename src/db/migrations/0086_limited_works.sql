-- Unique and limited works: a Rupa original can be sold once, a numbered edition as many
-- times as its edition size. The limit follows the work's attributes; checkouts take units
-- with a guarded UPDATE (like Busana stock) and give them back on cancel, expiry or a full
-- refund. The database refuses more units than the limit whatever the code does.
ALTER TABLE works ADD COLUMN unit_limit integer GENERATED ALWAYS AS (
  CASE
    WHEN product_line = 'rupa' AND attributes->>'kind' = 'original' THEN 1
    WHEN product_line = 'rupa' AND attributes->>'kind' = 'edition' AND (attributes->>'editionSize') ~ '^[0-9]{1,9}$' THEN (attributes->>'editionSize')::integer
  END
) STORED;
ALTER TABLE works ADD COLUMN units_taken integer NOT NULL DEFAULT 0 CHECK (units_taken >= 0);
ALTER TABLE works ADD CONSTRAINT works_units_within_limit CHECK (unit_limit IS NULL OR units_taken <= unit_limit);

-- Which order lines took units of a limited work, so giving them back is exact even if the
-- work's attributes change later.
ALTER TABLE order_lines ADD COLUMN units_taken boolean NOT NULL DEFAULT false;
