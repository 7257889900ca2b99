-- Photos of works (issue #15, item 1; docs/decisions/0130-work-media.md).
-- An upload is decoded once, turned upright, stripped of every metadata block (EXIF/GPS, XMP,
-- ICC is converted to sRGB), and stored only as resized variants (thumb/card/full × WebP/JPEG);
-- the original bytes are never kept. Variant bytes live in media_blobs, content-addressed by
-- SHA-256 per cooperative, behind the MediaStore port (src/media/media-store.ts): an object
-- store can replace the table without touching work_images/work_image_files.
CREATE TABLE media_blobs (
  coop_id uuid NOT NULL REFERENCES coops(id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content_type text NOT NULL CHECK (content_type IN ('image/webp', 'image/jpeg')),
  byte_size integer NOT NULL CHECK (byte_size > 0),
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, sha256)
);

CREATE TABLE work_images (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  work_id uuid NOT NULL,
  -- A Busana variant's own photo (null: the work's photo).
  variant_id uuid,
  -- Order on the page; the lowest is the cover.
  position integer NOT NULL CHECK (position >= 0),
  alt text NOT NULL CHECK (length(btrim(alt)) BETWEEN 3 AND 300),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  uploaded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id) ON DELETE CASCADE,
  -- No ON DELETE SET NULL (variant_id): Citus refuses it on a key with the distribution column;
  -- syncVariants clears the reference before it deletes a variant.
  FOREIGN KEY (coop_id, variant_id) REFERENCES work_variants(coop_id, id)
);
CREATE INDEX work_images_work_idx ON work_images (coop_id, work_id, position);

CREATE TABLE work_image_files (
  coop_id uuid NOT NULL,
  image_id uuid NOT NULL,
  size text NOT NULL CHECK (size IN ('thumb', 'card', 'full')),
  format text NOT NULL CHECK (format IN ('webp', 'jpeg')),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  byte_size integer NOT NULL CHECK (byte_size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (coop_id, image_id, size, format),
  FOREIGN KEY (coop_id, image_id) REFERENCES work_images(coop_id, id) ON DELETE CASCADE
);
CREATE INDEX work_image_files_blob_idx ON work_image_files (coop_id, sha256);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['media_blobs','work_images','work_image_files'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON media_blobs, work_images, work_image_files TO lumbung_app;
