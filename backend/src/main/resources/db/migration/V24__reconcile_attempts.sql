-- SMS reconciliation runs on the worker's round loop (cn.lianxin.work.Worker): a message whose lookup fails (its
-- resident's number cannot be read, say) counts the failed lookups apart from its sends, and ends FAILED after the
-- last one instead of stopping the reconciliation of every other message.
ALTER TABLE outbound_message ADD COLUMN reconcile_attempts int NOT NULL DEFAULT 0;
