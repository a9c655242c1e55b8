-- The mini-program's stored pushes outlive their period like the other inbound messages (cn.lianxin.rights.Retention).
CREATE INDEX mp_inbound_processed_idx ON mp_inbound (received_at) WHERE processed_at IS NOT NULL;
