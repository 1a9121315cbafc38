-- Enum equality marked leakproof (decision 055). Under row-level security PostgreSQL uses a
-- condition below the tenant policy, and so in an index scan, only when its operator is leakproof;
-- enum_eq compares two OIDs and never raises, but is not marked so. Without this, `status = 'listed'`
-- could not use ("networkId", status, ...) indexes for the application role: the support map read all
-- 2,000 entries of its network and sorted them (1.7 ms) where the index gives the page in 0.07 ms.
-- Only a superuser may change a built-in function; elsewhere the migration leaves it and says so.
DO $$
BEGIN
  ALTER FUNCTION pg_catalog.enum_eq(anyenum, anyenum) LEAKPROOF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'enum_eq is not marked leakproof (needs a superuser): enum conditions under row-level security cannot use indexes';
END
$$;
