-- Peer-learning forum (forum belajar antar teman sejawat) across the cooperatives of one
-- instance, and the checks of uploaded session materials. See docs/decisions/0165-peer-learning-forum.md.
--
-- Placement: a theme lives with the cooperative that opened it (coop_id = the opening coop);
-- its posts, helpful marks, followers and hidden bodies are co-located with the theme
-- (coop_id = the theme's coop, the writer's own coop is a column), so a theme page is one
-- router query on Citus. Writing always happens inside the theme coop's tenant transaction.
CREATE TABLE forum_themes (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- 'instance': every cooperative on this Lumbung; 'network': only the network's members
  -- (networks come later; the id is kept without a reference so nothing depends on them).
  scope text NOT NULL DEFAULT 'instance' CHECK (scope IN ('instance', 'network')),
  network_id uuid,
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  pemantik_account_id uuid NOT NULL REFERENCES accounts(id),
  pemantik_name text NOT NULL CHECK (length(pemantik_name) BETWEEN 1 AND 200),
  -- The optional scheduled discussion session (a date and time, a place or link).
  session_starts_at timestamptz,
  session_ends_at timestamptz,
  session_place text CHECK (length(session_place) <= 500),
  post_count integer NOT NULL DEFAULT 0 CHECK (post_count >= 0),
  last_post_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  CHECK ((scope = 'network') = (network_id IS NOT NULL)),
  CHECK ((session_starts_at IS NULL) = (session_ends_at IS NULL)),
  CHECK (session_ends_at IS NULL OR (session_ends_at > session_starts_at AND session_ends_at - session_starts_at <= interval '24 hours'))
);
CREATE INDEX forum_themes_recent_idx ON forum_themes (created_at DESC);

-- A post without thread_id opens a thread in the theme; one with thread_id replies in it.
CREATE TABLE forum_posts (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  theme_id uuid NOT NULL,
  thread_id uuid,
  author_account_id uuid NOT NULL REFERENCES accounts(id),
  author_coop_id uuid NOT NULL REFERENCES coops(id),
  author_name text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 200),
  author_coop_name text NOT NULL,
  -- Emptied when hidden: the text moves to forum_hidden_bodies, which only a moderator's
  -- transaction reads, so nothing else can show what was hidden.
  body text NOT NULL CHECK (length(body) <= 5000),
  hidden_at timestamptz,
  hidden_reason text CHECK (length(hidden_reason) BETWEEN 3 AND 500),
  hidden_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, theme_id, id),
  CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL)),
  CHECK (hidden_at IS NOT NULL OR length(body) >= 1),
  FOREIGN KEY (coop_id, theme_id) REFERENCES forum_themes(coop_id, id),
  FOREIGN KEY (coop_id, theme_id, thread_id) REFERENCES forum_posts(coop_id, theme_id, id)
);
CREATE INDEX forum_posts_theme_idx ON forum_posts (coop_id, theme_id, created_at);

CREATE TABLE forum_hidden_bodies (
  coop_id uuid NOT NULL,
  post_id uuid NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (coop_id, post_id),
  FOREIGN KEY (coop_id, post_id) REFERENCES forum_posts(coop_id, id)
);

-- Helpful marks: one row per post at most (a repeated or simultaneous mark changes nothing).
CREATE TABLE forum_helpful (
  coop_id uuid NOT NULL,
  post_id uuid NOT NULL,
  marked_by uuid NOT NULL REFERENCES accounts(id),
  marked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, post_id),
  FOREIGN KEY (coop_id, post_id) REFERENCES forum_posts(coop_id, id)
);

CREATE TABLE forum_follows (
  coop_id uuid NOT NULL,
  theme_id uuid NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, theme_id, account_id),
  FOREIGN KEY (coop_id, theme_id) REFERENCES forum_themes(coop_id, id)
);

-- Row-level security. No blanket tenant policy and no RESTRICTIVE policies here: Citus copies
-- policies to the shards as PERMISSIVE (seen on the test cluster), which would OR an extra rule
-- with the tenant rule. Each command gets one permissive policy that holds the tenant rule
-- (compared as text, as migrate.ts makes tenant_isolation on Citus) AND its own rule.
-- lumbung.account_id and lumbung.forum_moderator are set (SET LOCAL) by the forum's
-- transactions only: nobody writes as someone else, a post is changed only by its author or a
-- moderator of the theme's cooperative, hidden text is read by moderators only.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['forum_themes','forum_posts','forum_hidden_bodies','forum_helpful','forum_follows'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;

-- Themes in scope are listed from any cooperative's transaction (read only; a network's
-- themes only where the transaction names the network in lumbung.network_ids).
CREATE POLICY forum_read ON forum_themes FOR SELECT USING (
  coop_id::text = current_coop_id()::text
  OR scope = 'instance'
  OR (scope = 'network' AND network_id::text = ANY (string_to_array(current_setting('lumbung.network_ids', true), ',')))
);
CREATE POLICY forum_open ON forum_themes FOR INSERT WITH CHECK (coop_id::text = current_coop_id()::text AND pemantik_account_id::text = current_setting('lumbung.account_id', true));
CREATE POLICY forum_count ON forum_themes FOR UPDATE USING (coop_id::text = current_coop_id()::text) WITH CHECK (coop_id::text = current_coop_id()::text);

CREATE POLICY forum_read ON forum_posts FOR SELECT USING (coop_id::text = current_coop_id()::text);
CREATE POLICY forum_write ON forum_posts FOR INSERT WITH CHECK (coop_id::text = current_coop_id()::text AND author_account_id::text = current_setting('lumbung.account_id', true));
CREATE POLICY forum_edit ON forum_posts FOR UPDATE USING (
  coop_id::text = current_coop_id()::text
  AND (author_account_id::text = current_setting('lumbung.account_id', true) OR current_setting('lumbung.forum_moderator', true) = 'on')
) WITH CHECK (coop_id::text = current_coop_id()::text);

CREATE POLICY forum_moderators_only ON forum_hidden_bodies
  USING (coop_id::text = current_coop_id()::text AND current_setting('lumbung.forum_moderator', true) = 'on')
  WITH CHECK (coop_id::text = current_coop_id()::text AND current_setting('lumbung.forum_moderator', true) = 'on');

CREATE POLICY forum_read ON forum_helpful FOR SELECT USING (coop_id::text = current_coop_id()::text);
CREATE POLICY forum_mark ON forum_helpful FOR INSERT WITH CHECK (coop_id::text = current_coop_id()::text AND marked_by::text = current_setting('lumbung.account_id', true));

CREATE POLICY forum_read ON forum_follows FOR SELECT USING (coop_id::text = current_coop_id()::text);
CREATE POLICY forum_follow ON forum_follows FOR INSERT WITH CHECK (coop_id::text = current_coop_id()::text AND account_id::text = current_setting('lumbung.account_id', true));
CREATE POLICY forum_unfollow ON forum_follows FOR DELETE USING (coop_id::text = current_coop_id()::text AND account_id::text = current_setting('lumbung.account_id', true));

GRANT SELECT, INSERT, UPDATE ON forum_themes, forum_posts, forum_hidden_bodies TO lumbung_app;
GRANT SELECT, INSERT ON forum_helpful TO lumbung_app;
GRANT SELECT, INSERT, DELETE ON forum_follows TO lumbung_app;

-- Session materials: the type is what the content is (sniffed), recorded with its SHA-256.
ALTER TABLE edu_session_materials ADD COLUMN sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$');
