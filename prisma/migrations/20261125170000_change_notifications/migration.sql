-- Every committed write to the console's tables raises a notification on "ring_changes" (once
-- per transaction: PostgreSQL folds identical notifications), so that the caches of every
-- server process drop what they hold, whoever wrote: this process, another instance, psql.
-- A table added later needs the same trigger (packages/db/test/change-notifications.test.ts
-- checks that every table has it).
CREATE FUNCTION "ring_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ring_changes', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "Developer_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Developer" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "Session_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Session" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "ApiToken_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ApiToken" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "App_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "App" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "Credential_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Credential" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "GeneralInfo_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "GeneralInfo" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "MediaInfo_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MediaInfo" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "AdditionalImage_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AdditionalImage" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "CompatibilityInfo_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CompatibilityInfo" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "AdditionalInfo_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AdditionalInfo" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "MediaAsset_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MediaAsset" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "AccountLinking_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AccountLinking" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "WebhookDelivery_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "WebhookDelivery" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "AuditEvent_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
