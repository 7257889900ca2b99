import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the production tables (migration 0085). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type PlainDate = ColumnType<string, string, string>;
type Int8 = ColumnType<number, string | number | bigint, string | number | bigint>;

export type ProjectStatus = 'planned' | 'active' | 'done' | 'cancelled';
export type TaskStatus = 'todo' | 'doing' | 'done';

export type ProductionTables = {
  production_projects: {
    coop_id: string;
    id: Generated<string>;
    title: string;
    description: Generated<string>;
    status: Generated<ProjectStatus>;
    starts_on: ColumnType<string | null, string | null | undefined, string | null>;
    ends_on: ColumnType<string | null, string | null | undefined, string | null>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  production_tasks: { coop_id: string; id: Generated<string>; project_id: string; title: string; status: Generated<TaskStatus>; assignee_member_id: string | null; created_at: Timestamp };
  production_work_logs: {
    coop_id: string;
    id: Generated<string>;
    project_id: string;
    task_id: string | null;
    member_id: string;
    worked_on: PlainDate;
    minutes: number;
    note: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
  };
  production_costs: {
    coop_id: string;
    id: Generated<string>;
    project_id: string;
    description: string;
    amount: Int8;
    incurred_on: PlainDate;
    paid_by_member_id: string | null;
    created_by: string | null;
    created_at: Timestamp;
  };
  production_project_works: { coop_id: string; project_id: string; work_id: string };
};
