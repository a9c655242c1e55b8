-- Staff attach files to a reply (issue 6 item 5). They are stored like residents' photos, in the same table, so
-- there is one way to keep a file: an upload is owned either by a resident or by a staff member, and a staff
-- upload joins one case through the reply's record line.
ALTER TABLE upload
    ALTER COLUMN resident_id DROP NOT NULL,
    ADD COLUMN staff_username text REFERENCES staff_account (username),
    ADD COLUMN activity_id bigint REFERENCES case_activity (id),
    ADD CONSTRAINT upload_one_owner CHECK ((resident_id IS NULL) <> (staff_username IS NULL));
-- A reply checks the caller's unused uploads by id (primary key); the staff index serves the owner's lookups.
CREATE INDEX upload_staff_idx ON upload (staff_username) WHERE staff_username IS NOT NULL;
CREATE INDEX upload_activity_idx ON upload (activity_id) WHERE activity_id IS NOT NULL;
