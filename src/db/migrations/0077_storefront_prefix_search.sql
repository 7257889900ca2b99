-- Search as one types: the last word of a storefront query also matches words it begins
-- ("kop" finds "kopi", "petan" finds "Petani"). The stemmed vector cannot do this (the
-- Indonesian stemmer turns "petani" into "tani"), so the words of the title and description
-- are also kept unstemmed ('simple' configuration) and matched with a prefix query.
ALTER TABLE works ADD COLUMN search_words tsvector GENERATED ALWAYS AS (
  to_tsvector('simple', title || ' ' || description)
) STORED;
CREATE INDEX works_search_words_idx ON works USING gin (search_words);
