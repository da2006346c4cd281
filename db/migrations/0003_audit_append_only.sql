-- The audit trail is append-only for every writer, not only for the app, which has no code that
-- edits it: an UPDATE or DELETE of an entry fails. Two changes made by foreign keys stay
-- possible: deleting a user clears the actor (ON DELETE SET NULL), and deleting an organisation
-- removes its trail with it (ON DELETE CASCADE), which reaches this trigger from the foreign
-- key's own trigger, hence the nesting depth above one.
CREATE OR REPLACE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() > 1 THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
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
