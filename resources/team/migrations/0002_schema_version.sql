-- Peka team mode, schema version 2: agents and supervisors may ask which schema version
-- the server runs, so `peka doctor` on a workstation can tell IT that the server and this
-- Peka do not match (agents hold no privilege on peka.schema_migrations itself).

SET LOCAL ROLE peka_owner_role;
SET LOCAL search_path = peka, pg_catalog;

CREATE FUNCTION peka.schema_version() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT COALESCE(max(version), 0) FROM peka.schema_migrations
$$;

REVOKE ALL ON FUNCTION peka.schema_version() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION peka.schema_version() TO peka_agent_role, peka_supervisor_role;
