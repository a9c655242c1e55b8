-- Failed sign-ins are counted per window (cn.lianxin.staff.LoginAttempts): failures older than the lockout period
-- no longer count, so that a success need not reset the count (which let a concurrent success wipe an attack's).
ALTER TABLE staff_account ADD COLUMN failures_since timestamptz;
