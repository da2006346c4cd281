-- The audit trail is append-only for every writer that does not own the table, not only for the
-- app, which has no code that edits it: an UPDATE, DELETE or TRUNCATE fails. Two changes made by
-- foreign keys stay possible, and only those: deleting a user clears the actor (ON DELETE SET
-- NULL) and nothing else, and deleting an organisation removes its trail with it (ON DELETE
-- CASCADE), which reaches this trigger from the foreign key's own trigger once the
-- organisation's row is gone. The table's owner can still disable the trigger; keep the app's
-- role from owning it where that matters.
CREATE OR REPLACE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1
     AND OLD.actor_user_id IS NOT NULL AND NEW.actor_user_id IS NULL
     AND (to_jsonb(NEW) - 'actor_user_id') = (to_jsonb(OLD) - 'actor_user_id') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1
     AND NOT EXISTS (SELECT 1 FROM "organisations" WHERE "id" = OLD.organisation_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: entries cannot be changed or deleted'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW
  EXECUTE FUNCTION "audit_events_append_only"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "audit_events_no_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: it cannot be truncated'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT
  EXECUTE FUNCTION "audit_events_no_truncate"();
