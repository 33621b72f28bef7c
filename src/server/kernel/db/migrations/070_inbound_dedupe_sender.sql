-- Inbound dedupe on (channel, provider message id, sender) (issue 10 item 6e). A Message-ID is chosen by the
-- sender's software, so two different senders' messages can share one (broken or colliding generators,
-- spoofing): each is kept. The same message delivered twice (IMAP re-poll, SMTP retry) has the same
-- sender and is still stored once. `sender` is the lower-case email address for email and '' for the
-- channels whose ids the provider makes unique (chat, social, phone, delivery-status markers). Rows written
-- before this migration keep sender '' and still answer a redelivery from any sender, as before.
alter table inbound_provider_ids add column sender text not null default '';
alter table inbound_provider_ids drop constraint inbound_provider_ids_pkey;
alter table inbound_provider_ids add primary key (channel, provider_message_id, sender);
