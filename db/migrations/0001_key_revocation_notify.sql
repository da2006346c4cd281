-- Every app instance caches active API keys and drops a key from its cache when notified on the
-- api_key_changed channel (payload: the key's id). Notifying from a trigger covers every writer
-- (portal, CLI, manual SQL), and PostgreSQL delivers the notice only when the change commits.
CREATE OR REPLACE FUNCTION "api_keys_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('api_key_changed', OLD.id::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Only changes that can make a cached key wrong; last_used_at updates do not fire it.
CREATE TRIGGER "api_keys_changed_notify"
  AFTER UPDATE OF "revoked_at", "key_hash", "organisation_id" ON "api_keys"
  FOR EACH ROW
  WHEN (
    OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
    OR OLD.key_hash IS DISTINCT FROM NEW.key_hash
    OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
  )
  EXECUTE FUNCTION "api_keys_notify_change"();
--> statement-breakpoint
CREATE TRIGGER "api_keys_deleted_notify"
  AFTER DELETE ON "api_keys"
  FOR EACH ROW
  EXECUTE FUNCTION "api_keys_notify_change"();
