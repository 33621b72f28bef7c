-- Issue 10: a media part downloaded after its message (channels/media) is recorded once as
-- message.attachment_stored; the job looks its part up by message id before and under the event-log lock.
create index events_attachment_stored_idx on events ((meta ->> 'messageId')) where kind = 'message.attachment_stored';
