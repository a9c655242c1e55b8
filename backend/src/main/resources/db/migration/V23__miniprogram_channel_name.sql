-- The mini-program channel has one name in code and data (issue 10, item 10): MessageChannel.WECHAT became
-- MINIPROGRAM, as the case channel already was. Stored messages, sandbox ones included, follow the enum, or Hibernate
-- could no longer read them. No CHECK constraint or index predicate names the value (V2, V7, V11, V12, V22).
UPDATE outbound_message SET channel = 'MINIPROGRAM' WHERE channel = 'WECHAT';
