CREATE TABLE "key_cache_instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"acked_seq" bigint NOT NULL,
	"heartbeat_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"lease_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_change_counter" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "key_change_counter_singleton" CHECK ("key_change_counter"."singleton")
);
--> statement-breakpoint
INSERT INTO "key_change_counter" ("singleton", "seq") VALUES (true, 0);
--> statement-breakpoint
-- Replaces 0001's function: each change now takes the next number from the counter (its row lock
-- orders concurrent changes by commit) and the notice says "<number>:<key id>". An instance that
-- sees a number skip knows it missed a notice and empties its cache.
CREATE OR REPLACE FUNCTION "api_keys_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  change_seq bigint;
BEGIN
  UPDATE "key_change_counter" SET "seq" = "seq" + 1 RETURNING "seq" INTO change_seq;
  PERFORM pg_notify('api_key_changed', change_seq::text || ':' || OLD.id::text);
  RETURN NULL;
END;
$$;
