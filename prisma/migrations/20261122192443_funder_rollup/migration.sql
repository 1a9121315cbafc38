-- DropIndex
DROP INDEX "Pledge_networkId_funderId_status_idx";

-- CreateTable
CREATE TABLE "PledgeMonth" (
    "networkId" TEXT NOT NULL,
    "funderId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "madeAmount" BIGINT NOT NULL DEFAULT 0,
    "madeCount" INTEGER NOT NULL DEFAULT 0,
    "releasedAmount" BIGINT NOT NULL DEFAULT 0,
    "releasedCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PledgeMonth_pkey" PRIMARY KEY ("networkId","funderId","currency","month")
);

-- CreateIndex
CREATE INDEX "Pledge_networkId_funderId_status_milestoneId_idx" ON "Pledge"("networkId", "funderId", "status", "milestoneId");

-- AddForeignKey
ALTER TABLE "PledgeMonth" ADD CONSTRAINT "PledgeMonth_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The rollup is kept by the database itself, in the same transaction as every change to a
-- pledge, so no code path (application, script, cascade) can let it drift.
-- A pledge counts while it stands or after its release ("made", in the month it was made);
-- a released one also counts in the month of its release. Withdrawn pledges count nowhere.
CREATE FUNCTION kring_pledge_month_apply(p "Pledge", sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  made_month date := date_trunc('month', p."createdAt")::date;
  released_month date := date_trunc('month', p."releasedAt")::date;
BEGIN
  IF p."funderId" IS NULL OR p.status NOT IN ('pledged', 'released') THEN
    RETURN;
  END IF;
  IF sign > 0 THEN
    INSERT INTO "PledgeMonth" ("networkId", "funderId", currency, month, "madeAmount", "madeCount")
    VALUES (p."networkId", p."funderId", p.currency, made_month, p.amount, 1)
    ON CONFLICT ("networkId", "funderId", currency, month) DO UPDATE
      SET "madeAmount" = "PledgeMonth"."madeAmount" + EXCLUDED."madeAmount",
          "madeCount" = "PledgeMonth"."madeCount" + 1;
    IF p.status = 'released' AND p."releasedAt" IS NOT NULL THEN
      INSERT INTO "PledgeMonth" ("networkId", "funderId", currency, month, "releasedAmount", "releasedCount")
      VALUES (p."networkId", p."funderId", p.currency, released_month, p.amount, 1)
      ON CONFLICT ("networkId", "funderId", currency, month) DO UPDATE
        SET "releasedAmount" = "PledgeMonth"."releasedAmount" + EXCLUDED."releasedAmount",
            "releasedCount" = "PledgeMonth"."releasedCount" + 1;
    END IF;
  ELSE
    -- Only ever an UPDATE: when a network is deleted its rollup rows may already be gone.
    UPDATE "PledgeMonth" SET "madeAmount" = "madeAmount" - p.amount, "madeCount" = "madeCount" - 1
    WHERE "networkId" = p."networkId" AND "funderId" = p."funderId" AND currency = p.currency AND month = made_month;
    IF p.status = 'released' AND p."releasedAt" IS NOT NULL THEN
      UPDATE "PledgeMonth" SET "releasedAmount" = "releasedAmount" - p.amount, "releasedCount" = "releasedCount" - 1
      WHERE "networkId" = p."networkId" AND "funderId" = p."funderId" AND currency = p.currency AND month = released_month;
    END IF;
    DELETE FROM "PledgeMonth"
    WHERE "networkId" = p."networkId" AND "funderId" = p."funderId" AND currency = p.currency
      AND month IN (made_month, released_month) AND "madeCount" = 0 AND "releasedCount" = 0;
  END IF;
END
$$;

CREATE FUNCTION kring_pledge_month() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD."networkId", OLD."funderId", OLD.currency, OLD.amount, OLD.status, OLD."createdAt", OLD."releasedAt")
      IS NOT DISTINCT FROM (NEW."networkId", NEW."funderId", NEW.currency, NEW.amount, NEW.status, NEW."createdAt", NEW."releasedAt") THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM kring_pledge_month_apply(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM kring_pledge_month_apply(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Pledge_month" AFTER INSERT OR UPDATE OR DELETE ON "Pledge"
FOR EACH ROW EXECUTE FUNCTION kring_pledge_month();

-- The pledges made before this migration.
INSERT INTO "PledgeMonth" ("networkId", "funderId", currency, month, "madeAmount", "madeCount", "releasedAmount", "releasedCount")
SELECT "networkId", "funderId", currency, month, sum(made_amount), sum(made_count), sum(released_amount), sum(released_count)
FROM (
  SELECT "networkId", "funderId", currency, date_trunc('month', "createdAt")::date AS month,
         amount AS made_amount, 1 AS made_count, 0::bigint AS released_amount, 0 AS released_count
  FROM "Pledge" WHERE "funderId" IS NOT NULL AND status IN ('pledged', 'released')
  UNION ALL
  SELECT "networkId", "funderId", currency, date_trunc('month', "releasedAt")::date,
         0, 0, amount, 1
  FROM "Pledge" WHERE "funderId" IS NOT NULL AND status = 'released' AND "releasedAt" IS NOT NULL
) contributions
GROUP BY "networkId", "funderId", currency, month;
