-- A visit's photos are staff uploads (POST /api/attachments) that the visit names, as a reply names its files: the
-- one place files are kept, one owner, and an upload joins at most one case or one visit.
ALTER TABLE upload ADD COLUMN visit_id uuid REFERENCES visit (id);
ALTER TABLE upload ADD CONSTRAINT upload_one_use CHECK (case_id IS NULL OR visit_id IS NULL);
CREATE INDEX upload_visit_idx ON upload (visit_id) WHERE visit_id IS NOT NULL;
-- The sweep of unused uploads must leave a visit's photos alone.
DROP INDEX upload_unattached_idx;
CREATE INDEX upload_unattached_idx ON upload (created_at) WHERE case_id IS NULL AND visit_id IS NULL;
