-- A token carries the version of its holder's sessions (claim "tv"); each request compares it with this column
-- (cached briefly, cn.lianxin.staff.TokenVersions). Deactivation, a change to the account, logout and erasure
-- raise it, which ends every token issued before.
ALTER TABLE staff_account ADD COLUMN token_version integer NOT NULL DEFAULT 0;
ALTER TABLE resident ADD COLUMN token_version integer NOT NULL DEFAULT 0;
