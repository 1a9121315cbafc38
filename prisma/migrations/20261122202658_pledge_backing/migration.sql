-- CreateTable
CREATE TABLE "FunderMilestone" (
    "networkId" TEXT NOT NULL,
    "funderId" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "pledges" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FunderMilestone_pkey" PRIMARY KEY ("networkId","funderId","milestoneId")
);

-- AddForeignKey
ALTER TABLE "FunderMilestone" ADD CONSTRAINT "FunderMilestone_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Replaces the advisory lock of migration milestone_tally: one transaction-scoped advisory lock
-- per (milestone, funder) pair lives in PostgreSQL's shared lock table until commit, so a bulk
-- insert of many pledges in one transaction could exhaust that table ("out of shared memory")
-- for every session of the server. The upsert on "FunderMilestone" takes a row lock instead
-- (stored in the row, not in shared memory) and RETURNING gives the count after any concurrent
-- change, so "first pledge" and "last pledge" are known for certain.
INSERT INTO "FunderMilestone" ("networkId", "funderId", "milestoneId", pledges)
SELECT "networkId", "funderId", "milestoneId", count(*)::int FROM "Pledge"
WHERE "funderId" IS NOT NULL AND status IN ('pledged', 'released')
GROUP BY "networkId", "funderId", "milestoneId";

CREATE OR REPLACE FUNCTION kring_pledge_tally() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_counts boolean := false;
  new_counts boolean := false;
  remaining integer;
  st "MilestoneStatus";
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    old_counts := OLD."funderId" IS NOT NULL AND OLD.status IN ('pledged', 'released');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    new_counts := NEW."funderId" IS NOT NULL AND NEW.status IN ('pledged', 'released');
  END IF;
  IF old_counts AND new_counts AND OLD."networkId" = NEW."networkId" AND OLD."milestoneId" = NEW."milestoneId"
     AND OLD."funderId" = NEW."funderId" THEN
    RETURN NULL;
  END IF;
  IF old_counts THEN
    UPDATE "FunderMilestone" SET pledges = pledges - 1
    WHERE "networkId" = OLD."networkId" AND "funderId" = OLD."funderId" AND "milestoneId" = OLD."milestoneId"
    RETURNING pledges INTO remaining;
    IF FOUND AND remaining <= 0 THEN
      DELETE FROM "FunderMilestone"
      WHERE "networkId" = OLD."networkId" AND "funderId" = OLD."funderId" AND "milestoneId" = OLD."milestoneId" AND pledges <= 0;
      -- FOR SHARE: a change of the milestone's status and this take turns.
      SELECT status INTO st FROM "Milestone" WHERE id = OLD."milestoneId" AND "networkId" = OLD."networkId" FOR SHARE;
      IF FOUND THEN
        PERFORM kring_milestone_tally_add(OLD."networkId", OLD."funderId", st, -1);
      END IF;
    END IF;
  END IF;
  IF new_counts THEN
    INSERT INTO "FunderMilestone" ("networkId", "funderId", "milestoneId", pledges)
    VALUES (NEW."networkId", NEW."funderId", NEW."milestoneId", 1)
    ON CONFLICT ("networkId", "funderId", "milestoneId") DO UPDATE SET pledges = "FunderMilestone".pledges + 1
    RETURNING pledges INTO remaining;
    IF remaining = 1 THEN
      SELECT status INTO st FROM "Milestone" WHERE id = NEW."milestoneId" AND "networkId" = NEW."networkId" FOR SHARE;
      IF FOUND THEN
        PERFORM kring_milestone_tally_add(NEW."networkId", NEW."funderId", st, 1);
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

-- A milestone's backers, from "FunderMilestone" now (one row per backer, not every pledge).
CREATE OR REPLACE FUNCTION kring_milestone_tally() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  funder text;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD."networkId" = NEW."networkId" THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM kring_milestone_tally_add(OLD."networkId", '', OLD.status, -1);
    FOR funder IN
      SELECT "funderId" FROM "FunderMilestone"
      WHERE "networkId" = OLD."networkId" AND "milestoneId" = OLD.id AND pledges > 0
    LOOP
      PERFORM kring_milestone_tally_add(OLD."networkId", funder, OLD.status, -1);
    END LOOP;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM kring_milestone_tally_add(NEW."networkId", '', NEW.status, 1);
    FOR funder IN
      SELECT "funderId" FROM "FunderMilestone"
      WHERE "networkId" = NEW."networkId" AND "milestoneId" = NEW.id AND pledges > 0
    LOOP
      PERFORM kring_milestone_tally_add(NEW."networkId", funder, NEW.status, 1);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;
