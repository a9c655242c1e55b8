-- Who read a resident's personal information or a case's text, when, what and through which endpoint or page
-- (cn.lianxin.audit.ReadAudit). Append-only: no UPDATE, no TRUNCATE, and a DELETE only of rows older than the
-- retention worker's cut-off, which it sets for its own transaction (lianxin.audit_purge_before).
CREATE TABLE read_audit (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    actor_role  text,
    action      text NOT NULL,
    target      text NOT NULL,
    case_id     uuid,
    resident_id uuid,
    via         text NOT NULL
);
CREATE INDEX read_audit_at_idx ON read_audit (at);
CREATE INDEX read_audit_case_idx ON read_audit (case_id, at) WHERE case_id IS NOT NULL;
CREATE INDEX read_audit_resident_idx ON read_audit (resident_id, at) WHERE resident_id IS NOT NULL;
CREATE INDEX read_audit_actor_idx ON read_audit (actor, at);

CREATE FUNCTION read_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.at < nullif(current_setting('lianxin.audit_purge_before', true), '')::timestamptz THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'read_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER read_audit_append_only BEFORE UPDATE OR DELETE ON read_audit
    FOR EACH ROW EXECUTE FUNCTION read_audit_append_only();
CREATE TRIGGER read_audit_no_truncate BEFORE TRUNCATE ON read_audit
    FOR EACH STATEMENT EXECUTE FUNCTION read_audit_append_only();
