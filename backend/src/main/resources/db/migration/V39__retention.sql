-- The retention worker (cn.lianxin.rights.Retention) finds what has outlived its period by these.
CREATE INDEX sms_uplink_processed_idx ON sms_uplink (received_at) WHERE processed_at IS NOT NULL;
CREATE INDEX sms_receipt_processed_idx ON sms_receipt (received_at) WHERE processed_at IS NOT NULL;
CREATE INDEX wecom_inbound_processed_idx ON wecom_inbound (received_at) WHERE processed_at IS NOT NULL;
CREATE INDEX case_archived_at_idx ON cases (archived_at) WHERE archived_at IS NOT NULL;
