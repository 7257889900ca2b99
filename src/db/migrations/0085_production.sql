-- Production projects: collective work with tasks, work logs (minutes per member: whole
-- numbers, shown as hours), material costs in whole rupiah, and the works a project produces.
-- See docs/decisions/0085-production-projects.md.
CREATE TABLE production_projects (
  coop_id uuid NOT NULL REFERENCES coops(id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('planned', 'active', 'done', 'cancelled')),
  starts_on date,
  ends_on date,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE production_tasks (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
  assignee_member_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, project_id) REFERENCES production_projects(coop_id, id) ON DELETE CASCADE,
  FOREIGN KEY (coop_id, assignee_member_id) REFERENCES members(coop_id, id)
);
CREATE INDEX production_tasks_project_idx ON production_tasks (coop_id, project_id);

CREATE TABLE production_work_logs (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL,
  task_id uuid,
  member_id uuid NOT NULL,
  worked_on date NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, project_id) REFERENCES production_projects(coop_id, id) ON DELETE CASCADE,
  FOREIGN KEY (coop_id, task_id) REFERENCES production_tasks(coop_id, id),
  FOREIGN KEY (coop_id, member_id) REFERENCES members(coop_id, id)
);
CREATE INDEX production_work_logs_project_idx ON production_work_logs (coop_id, project_id);

CREATE TABLE production_costs (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  project_id uuid NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 2 AND 300),
  amount bigint NOT NULL CHECK (amount > 0),
  incurred_on date NOT NULL,
  paid_by_member_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, project_id) REFERENCES production_projects(coop_id, id) ON DELETE CASCADE,
  FOREIGN KEY (coop_id, paid_by_member_id) REFERENCES members(coop_id, id)
);
CREATE INDEX production_costs_project_idx ON production_costs (coop_id, project_id);

CREATE TABLE production_project_works (
  coop_id uuid NOT NULL,
  project_id uuid NOT NULL,
  work_id uuid NOT NULL,
  PRIMARY KEY (coop_id, project_id, work_id),
  FOREIGN KEY (coop_id, project_id) REFERENCES production_projects(coop_id, id) ON DELETE CASCADE,
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id) ON DELETE CASCADE
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['production_projects','production_tasks','production_work_logs','production_costs','production_project_works'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON production_projects, production_tasks, production_work_logs, production_costs, production_project_works TO lumbung_app;
