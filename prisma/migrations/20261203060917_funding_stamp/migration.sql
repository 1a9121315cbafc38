-- CreateTable
CREATE TABLE "FundingStamp" (
    "networkId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "FundingStamp_pkey" PRIMARY KEY ("networkId")
);

-- AddForeignKey
ALTER TABLE "FundingStamp" ADD CONSTRAINT "FundingStamp_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security as on every tenant table (decision 022).
ALTER TABLE "FundingStamp" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FundingStamp" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "FundingStamp" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

-- Every network starts with a counter, so a change to rows that exist before this migration raises one.
INSERT INTO "FundingStamp" ("networkId", version) SELECT id, 0 FROM "Network";

-- Raises the network's counter in the same transaction as the change (decision 025). An insert or
-- update creates the counter when it is missing; a delete only ever updates it, because when a whole
-- network is deleted its counter may already be gone, and a new one would point at no network.
CREATE FUNCTION kring_funding_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "FundingStamp" SET version = version + 1 WHERE "networkId" = OLD."networkId";
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD."networkId" IS DISTINCT FROM NEW."networkId" THEN
    UPDATE "FundingStamp" SET version = version + 1 WHERE "networkId" = OLD."networkId";
  END IF;
  INSERT INTO "FundingStamp" ("networkId", version) VALUES (NEW."networkId", 1)
  ON CONFLICT ("networkId") DO UPDATE SET version = "FundingStamp".version + 1;
  RETURN NULL;
END
$$;

-- What the dashboard, its report and exports show: pledges, milestones, initiatives (names, teams
-- aside), milestone updates and lessons, and closed cycles with their syntheses.
CREATE TRIGGER "Pledge_funding_touch" AFTER INSERT OR UPDATE OR DELETE ON "Pledge"
FOR EACH ROW EXECUTE FUNCTION kring_funding_touch();
CREATE TRIGGER "Milestone_funding_touch" AFTER INSERT OR UPDATE OR DELETE ON "Milestone"
FOR EACH ROW EXECUTE FUNCTION kring_funding_touch();
CREATE TRIGGER "Initiative_funding_touch" AFTER INSERT OR UPDATE OR DELETE ON "Initiative"
FOR EACH ROW EXECUTE FUNCTION kring_funding_touch();
CREATE TRIGGER "MilestoneUpdate_funding_touch" AFTER INSERT OR UPDATE OR DELETE ON "MilestoneUpdate"
FOR EACH ROW EXECUTE FUNCTION kring_funding_touch();
-- A cycle reaches the dashboard when it closes; its other changes (phases, deadlines) do not.
CREATE TRIGGER "Cycle_funding_touch" AFTER INSERT OR DELETE OR UPDATE OF "closedAt", title, question ON "Cycle"
FOR EACH ROW EXECUTE FUNCTION kring_funding_touch();
CREATE TRIGGER "SynthesisRevision_funding_touch" AFTER INSERT OR UPDATE OR DELETE ON "SynthesisRevision"
FOR EACH ROW EXECUTE FUNCTION kring_funding_touch();
