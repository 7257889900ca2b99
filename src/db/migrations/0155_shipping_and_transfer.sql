-- Storefront that sells (issue #15 items 3, 4, 6; decision 0155): the coop's bank accounts
-- (several), an optional unique code on transfers, payment windows per method, shipping
-- options; on orders the shipping line, the structured address, the courier and resi, the
-- transfer's unique code, the buyer's language and when the payment reminder went out.

ALTER TABLE order_settings
  ADD COLUMN bank_accounts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(bank_accounts) = 'array' AND jsonb_array_length(bank_accounts) <= 3),
  ADD COLUMN transfer_unique_code boolean NOT NULL DEFAULT false,
  ADD COLUMN transfer_window_days integer NOT NULL DEFAULT 1 CHECK (transfer_window_days BETWEEN 1 AND 14),
  ADD COLUMN cash_window_days integer CHECK (cash_window_days BETWEEN 1 AND 30),
  ADD COLUMN shipping jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(shipping) = 'object');

-- The one account of 0080 becomes the first of the list.
UPDATE order_settings SET bank_accounts = jsonb_build_array(transfer_account) WHERE transfer_account IS NOT NULL;
ALTER TABLE order_settings DROP COLUMN transfer_account;

ALTER TABLE orders
  ADD COLUMN shipping_total bigint NOT NULL DEFAULT 0 CHECK (shipping_total >= 0),
  ADD COLUMN unique_code integer NOT NULL DEFAULT 0 CHECK (unique_code BETWEEN 0 AND 999),
  ADD COLUMN shipping_method text CHECK (shipping_method IN ('pickup', 'local', 'courier')),
  ADD COLUMN shipping_booking text CHECK (shipping_booking IN ('revenue', 'pass_through')),
  ADD COLUMN weight_grams integer CHECK (weight_grams >= 0),
  ADD COLUMN ship_to jsonb CHECK (ship_to IS NULL OR jsonb_typeof(ship_to) = 'object'),
  ADD COLUMN courier text CHECK (length(courier) BETWEEN 2 AND 60),
  ADD COLUMN tracking_no text CHECK (tracking_no ~ '^[A-Z0-9-]{4,40}$'),
  ADD COLUMN buyer_locale text NOT NULL DEFAULT 'id' CHECK (buyer_locale IN ('id', 'en')),
  ADD COLUMN reminded_at timestamptz;

-- The total now includes the shipping line and the unique code.
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%discount_total%' AND pg_get_constraintdef(oid) LIKE '%(total =%' LOOP
    EXECUTE format('ALTER TABLE orders DROP CONSTRAINT %I', c);
  END LOOP;
END $$;
ALTER TABLE orders ADD CONSTRAINT orders_total_parts CHECK (total = subtotal + tax_total + fee_total + shipping_total + unique_code - discount_total);
ALTER TABLE orders ADD CONSTRAINT orders_shipping_parts CHECK (shipping_total = 0 OR shipping_method IS NOT NULL);

-- The reminder sweep: unpaid orders not yet reminded, by when they lapse.
CREATE INDEX orders_reminder_idx ON orders (coop_id, expires_at) WHERE status = 'awaiting_payment' AND reminded_at IS NULL AND expires_at IS NOT NULL;
