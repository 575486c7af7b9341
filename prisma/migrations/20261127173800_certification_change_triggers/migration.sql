-- The API's response cache drops what it holds on any change (README: Caching): versions, their
-- media and submissions change what the Certify and Publish pages show.
CREATE TRIGGER "AppVersion_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AppVersion" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "AppVersionMedia_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AppVersionMedia" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
CREATE TRIGGER "CertificationSubmission_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CertificationSubmission" FOR EACH STATEMENT EXECUTE FUNCTION "ring_notify_change"();
