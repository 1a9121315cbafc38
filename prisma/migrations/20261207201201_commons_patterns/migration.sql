-- CreateTable
CREATE TABLE "CommonsPattern" (
    "position" INTEGER NOT NULL,
    "kind" "CommonsKind" NOT NULL,
    "facet" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "outcome" "MilestoneStatus",
    "networks" INTEGER NOT NULL,
    "kindNetworks" INTEGER NOT NULL,
    "items" INTEGER NOT NULL,

    CONSTRAINT "CommonsPattern_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "CommonsRegion" (
    "region" TEXT NOT NULL,

    CONSTRAINT "CommonsRegion_pkey" PRIMARY KEY ("region")
);

-- The patterns and the regions of /commons, recomputed from the live items whenever a statement
-- changes what they count (decision 052): the same statements lib/commons/queries.ts ran on every
-- read before. The threshold 3 is PATTERN_MIN_NETWORKS (lib/commons/limits.ts), which the read
-- applies again. Not SECURITY DEFINER: it runs as the writer (kring_app), which may write both tables.
CREATE FUNCTION kring_commons_refresh() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- One recompute at a time. A second writer waits here until the first commits; its statements
  -- below then take a new snapshot (READ COMMITTED), which holds the first writer's items and its
  -- own, so the last commit always leaves counts of every committed item. Readers are not blocked:
  -- they see the cells of the last commit.
  LOCK TABLE "CommonsPattern", "CommonsRegion" IN EXCLUSIVE MODE;
  DELETE FROM "CommonsPattern";
  INSERT INTO "CommonsPattern" (position, kind, facet, value, outcome, networks, "kindNetworks", items)
  WITH live AS (
    SELECT kind::text AS kind, outcome::text AS outcome, area::text AS area, stage::text AS stage,
           lower(btrim(topic)) AS topic_key, btrim(topic) AS topic, "sourceNetworkId" AS network
    FROM "CommonsItem" WHERE "withdrawnAt" IS NULL
  ),
  kinds AS (SELECT kind, count(DISTINCT network)::int AS networks FROM live GROUP BY kind),
  cells AS (
    SELECT kind, 'outcome' AS facet, outcome AS value, NULL::text AS outcome, count(DISTINCT network)::int AS networks, count(*)::int AS items
    FROM live WHERE outcome IS NOT NULL GROUP BY kind, outcome
    UNION ALL
    SELECT kind, 'area', area, NULL, count(DISTINCT network)::int, count(*)::int
    FROM live WHERE area IS NOT NULL GROUP BY kind, area
    UNION ALL
    SELECT kind, 'stage', stage, NULL, count(DISTINCT network)::int, count(*)::int
    FROM live WHERE stage IS NOT NULL GROUP BY kind, stage
    UNION ALL
    SELECT kind, 'topic', mode() WITHIN GROUP (ORDER BY topic), outcome, count(DISTINCT network)::int, count(*)::int
    FROM live WHERE topic_key <> '' AND outcome IS NOT NULL GROUP BY kind, topic_key, outcome
  )
  SELECT row_number() OVER (ORDER BY c.kind, c.facet, c.networks DESC, c.value, c.outcome)::int,
         c.kind::"CommonsKind", c.facet, c.value, c.outcome::"MilestoneStatus", c.networks, k.networks, c.items
  FROM cells c JOIN kinds k ON k.kind = c.kind
  WHERE c.networks >= 3;
  DELETE FROM "CommonsRegion";
  INSERT INTO "CommonsRegion" (region)
  SELECT DISTINCT region FROM "CommonsItem" WHERE "withdrawnAt" IS NULL AND region <> '';
END
$$;

CREATE FUNCTION kring_commons_patterns() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kring_commons_refresh();
  RETURN NULL;
END
$$;

-- Once per statement, not per row: a seed's bulk insert recomputes once. Only the columns that
-- count (an erased author's name does not); a network's deletion reaches the items by cascade.
CREATE TRIGGER "CommonsItem_patterns"
AFTER INSERT OR DELETE OR UPDATE OF kind, outcome, area, stage, topic, region, "sourceNetworkId", "withdrawnAt" ON "CommonsItem"
FOR EACH STATEMENT EXECUTE FUNCTION kring_commons_patterns();

CREATE TRIGGER "CommonsItem_patterns_truncate"
AFTER TRUNCATE ON "CommonsItem"
FOR EACH STATEMENT EXECUTE FUNCTION kring_commons_patterns();

-- The items already there.
SELECT kring_commons_refresh();
