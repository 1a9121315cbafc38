-- CreateTable
CREATE TABLE "MilestoneTally" (
    "networkId" TEXT NOT NULL,
    "funderId" TEXT NOT NULL,
    "status" "MilestoneStatus" NOT NULL,
    "milestones" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "MilestoneTally_pkey" PRIMARY KEY ("networkId","funderId","status")
);

-- AddForeignKey
ALTER TABLE "MilestoneTally" ADD CONSTRAINT "MilestoneTally_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept by the database in the same transaction as every change, like "PledgeMonth".
CREATE FUNCTION kring_milestone_tally_add(network text, funder text, st "MilestoneStatus", delta integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF delta > 0 THEN
    INSERT INTO "MilestoneTally" ("networkId", "funderId", status, milestones) VALUES (network, funder, st, delta)
    ON CONFLICT ("networkId", "funderId", status) DO UPDATE SET milestones = "MilestoneTally".milestones + EXCLUDED.milestones;
  ELSE
    -- Only ever an UPDATE: when a network is deleted its tally rows may already be gone.
    UPDATE "MilestoneTally" SET milestones = milestones + delta
    WHERE "networkId" = network AND "funderId" = funder AND status = st;
    DELETE FROM "MilestoneTally" WHERE "networkId" = network AND "funderId" = funder AND status = st AND milestones <= 0;
  END IF;
END
$$;

-- A milestone counts for the network (funder "") and for every funder backing it, in its status.
-- Named so that it fires before the foreign keys' cascades (triggers fire in name order), while a
-- deleted milestone's pledges are still there to say who backed it.
CREATE FUNCTION kring_milestone_tally() RETURNS trigger
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
      SELECT DISTINCT "funderId" FROM "Pledge"
      WHERE "networkId" = OLD."networkId" AND "milestoneId" = OLD.id AND "funderId" IS NOT NULL AND status IN ('pledged', 'released')
    LOOP
      PERFORM kring_milestone_tally_add(OLD."networkId", funder, OLD.status, -1);
    END LOOP;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM kring_milestone_tally_add(NEW."networkId", '', NEW.status, 1);
    FOR funder IN
      SELECT DISTINCT "funderId" FROM "Pledge"
      WHERE "networkId" = NEW."networkId" AND "milestoneId" = NEW.id AND "funderId" IS NOT NULL AND status IN ('pledged', 'released')
    LOOP
      PERFORM kring_milestone_tally_add(NEW."networkId", funder, NEW.status, 1);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Milestone_tally" AFTER INSERT OR UPDATE OR DELETE ON "Milestone"
FOR EACH ROW EXECUTE FUNCTION kring_milestone_tally();

-- A funder backs a milestone while at least one of their pledges on it stands or was released.
-- Two locks make the count safe under concurrency: the milestone's row FOR SHARE (a change of its
-- status waits for the pledge, and the other way round; pledges still run side by side) and an
-- advisory lock on the (milestone, funder) pair, so two "first" pledges take turns and the count
-- after the lock sees what the other committed.
CREATE FUNCTION kring_pledge_tally() RETURNS trigger
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
    SELECT status INTO st FROM "Milestone" WHERE id = OLD."milestoneId" AND "networkId" = OLD."networkId" FOR SHARE;
    IF FOUND THEN
      PERFORM pg_advisory_xact_lock(hashtextextended('kring.pledge_tally:' || OLD."milestoneId" || ':' || OLD."funderId", 0));
      SELECT count(*) INTO remaining FROM "Pledge"
      WHERE "networkId" = OLD."networkId" AND "milestoneId" = OLD."milestoneId" AND "funderId" = OLD."funderId"
        AND status IN ('pledged', 'released');
      IF remaining = 0 THEN
        PERFORM kring_milestone_tally_add(OLD."networkId", OLD."funderId", st, -1);
      END IF;
    END IF;
  END IF;
  IF new_counts THEN
    SELECT status INTO st FROM "Milestone" WHERE id = NEW."milestoneId" AND "networkId" = NEW."networkId" FOR SHARE;
    IF FOUND THEN
      PERFORM pg_advisory_xact_lock(hashtextextended('kring.pledge_tally:' || NEW."milestoneId" || ':' || NEW."funderId", 0));
      SELECT count(*) INTO remaining FROM "Pledge"
      WHERE "networkId" = NEW."networkId" AND "milestoneId" = NEW."milestoneId" AND "funderId" = NEW."funderId"
        AND status IN ('pledged', 'released');
      IF remaining = 1 THEN
        PERFORM kring_milestone_tally_add(NEW."networkId", NEW."funderId", st, 1);
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Pledge_tally" AFTER INSERT OR UPDATE OR DELETE ON "Pledge"
FOR EACH ROW EXECUTE FUNCTION kring_pledge_tally();

-- The milestones and pledges made before this migration.
INSERT INTO "MilestoneTally" ("networkId", "funderId", status, milestones)
SELECT "networkId", '', status, count(*) FROM "Milestone" GROUP BY "networkId", status;
INSERT INTO "MilestoneTally" ("networkId", "funderId", status, milestones)
SELECT m."networkId", b."funderId", m.status, count(*)
FROM "Milestone" m
JOIN (
  SELECT DISTINCT "networkId", "milestoneId", "funderId" FROM "Pledge"
  WHERE "funderId" IS NOT NULL AND status IN ('pledged', 'released')
) b ON b."networkId" = m."networkId" AND b."milestoneId" = m.id
GROUP BY m."networkId", b."funderId", m.status;
