-- Issue 10: a media part downloaded after its message (channels/media) is recorded once as
-- message.attachment_stored (or message.attachment_failed); the job looks its part up by message id before and
-- under the event-log lock.
create index events_media_part_idx on events ((meta ->> 'messageId')) where kind in ('message.attachment_stored', 'message.attachment_failed');
