-- Task and milestone counts kept on the project row, so that a page of projects with
-- their progress is one indexed read instead of counting tasks per request.

ALTER TABLE projects
    ADD COLUMN task_count      integer NOT NULL DEFAULT 0,
    ADD COLUMN tasks_done      integer NOT NULL DEFAULT 0,
    ADD COLUMN milestone_count integer NOT NULL DEFAULT 0,
    ADD COLUMN milestones_done integer NOT NULL DEFAULT 0;

UPDATE projects p SET
    task_count      = (SELECT count(*) FROM tasks t WHERE t.project_id = p.id),
    tasks_done      = (SELECT count(*) FROM tasks t WHERE t.project_id = p.id AND t.status = 'done'),
    milestone_count = (SELECT count(*) FROM milestones m WHERE m.project_id = p.id),
    milestones_done = (SELECT count(*) FROM milestones m WHERE m.project_id = p.id AND m.status = 'done');

CREATE FUNCTION projects_count_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE projects SET task_count = task_count - 1, tasks_done = tasks_done - (OLD.status = 'done')::int
        WHERE id = OLD.project_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE projects SET task_count = task_count + 1, tasks_done = tasks_done + (NEW.status = 'done')::int
        WHERE id = NEW.project_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER tasks_count_on_project AFTER INSERT OR DELETE OR UPDATE OF status, project_id ON tasks
    FOR EACH ROW EXECUTE FUNCTION projects_count_tasks();

CREATE FUNCTION projects_count_milestones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE projects SET milestone_count = milestone_count - 1,
                            milestones_done = milestones_done - (OLD.status = 'done')::int
        WHERE id = OLD.project_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE projects SET milestone_count = milestone_count + 1,
                            milestones_done = milestones_done + (NEW.status = 'done')::int
        WHERE id = NEW.project_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER milestones_count_on_project AFTER INSERT OR DELETE OR UPDATE OF status, project_id ON milestones
    FOR EACH ROW EXECUTE FUNCTION projects_count_milestones();

-- Staff lists of every project, newest first.
CREATE INDEX projects_created_at_idx ON projects (created_at DESC);
