-- CreateTable
CREATE TABLE "SupportTally" (
    "networkId" TEXT NOT NULL,
    "status" "SupportEntryStatus" NOT NULL,
    "stage" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "entries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SupportTally_pkey" PRIMARY KEY ("networkId","status","stage","kind")
);

-- CreateIndex
CREATE INDEX "SupportEntry_networkId_status_createdAt_idx" ON "SupportEntry"("networkId", "status", "createdAt");

-- AddForeignKey
ALTER TABLE "SupportTally" ADD CONSTRAINT "SupportTally_networkId_fkey" FOREIGN KEY ("networkId") REFERENCES "Network"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security: a tenant table answers only for the networks the connection is scoped to (decision 022).
ALTER TABLE "SupportTally" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SupportTally" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "SupportTally" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

-- The cells one entry counts in: its status's own count, and for a listed entry each of its kinds
-- in each of its stages (every stage when it names none).
CREATE FUNCTION kring_support_cells(st "SupportEntryStatus", stages "GrowthStage"[], kinds "SupportKind"[])
RETURNS TABLE (stage text, kind text)
LANGUAGE sql IMMUTABLE AS $$
  SELECT '', ''
  UNION
  SELECT s::text, k::text
  FROM unnest(CASE WHEN cardinality(stages) = 0 THEN enum_range(NULL::"GrowthStage") ELSE stages END) AS s,
       unnest(kinds) AS k
  WHERE st = 'listed'
$$;

-- Kept in the same transaction as every change of an entry, like "MilestoneTally".
CREATE FUNCTION kring_support_tally() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.stages = NEW.stages AND OLD.kinds = NEW.kinds
     AND OLD."networkId" = NEW."networkId" THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    -- Only ever an UPDATE: when a network is deleted its tally rows may already be gone.
    UPDATE "SupportTally" t SET entries = t.entries - 1
    FROM kring_support_cells(OLD.status, OLD.stages, OLD.kinds) c
    WHERE t."networkId" = OLD."networkId" AND t.status = OLD.status AND t.stage = c.stage AND t.kind = c.kind;
    DELETE FROM "SupportTally" WHERE "networkId" = OLD."networkId" AND status = OLD.status AND entries <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "SupportTally" ("networkId", status, stage, kind, entries)
    SELECT NEW."networkId", NEW.status, c.stage, c.kind, 1 FROM kring_support_cells(NEW.status, NEW.stages, NEW.kinds) c
    ON CONFLICT ("networkId", status, stage, kind) DO UPDATE SET entries = "SupportTally".entries + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "SupportEntry_tally" AFTER INSERT OR UPDATE OR DELETE ON "SupportEntry"
FOR EACH ROW EXECUTE FUNCTION kring_support_tally();

-- The entries already there.
INSERT INTO "SupportTally" ("networkId", status, stage, kind, entries)
SELECT e."networkId", e.status, c.stage, c.kind, count(*)::int
FROM "SupportEntry" e CROSS JOIN LATERAL kring_support_cells(e.status, e.stages, e.kinds) c
GROUP BY e."networkId", e.status, c.stage, c.kind;
