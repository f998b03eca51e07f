DROP INDEX projects_created_at_idx;
DROP TRIGGER milestones_count_on_project ON milestones;
DROP FUNCTION projects_count_milestones();
DROP TRIGGER tasks_count_on_project ON tasks;
DROP FUNCTION projects_count_tasks();
ALTER TABLE projects DROP COLUMN task_count, DROP COLUMN tasks_done, DROP COLUMN milestone_count, DROP COLUMN milestones_done;
