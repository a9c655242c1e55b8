-- attachments.UnattachedUploads deletes uploads no case took within a day: it finds them by age among the
-- unattached ones only, which stay few however many files the cases hold.
CREATE INDEX upload_unattached_idx ON upload (created_at) WHERE case_id IS NULL;
