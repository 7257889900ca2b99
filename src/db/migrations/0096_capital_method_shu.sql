-- A deposit into simpanan sukarela made from a member's SHU share moved no cash and no bank
-- money: it was recorded with method 'cash' for want of another value. It has its own now.
-- (Rows already written keep 'cash': capital movements are append-only.)
ALTER TABLE capital_movements DROP CONSTRAINT capital_movements_method_check;
ALTER TABLE capital_movements ADD CONSTRAINT capital_movements_method_check CHECK (method IN ('cash', 'bank', 'shu'));
