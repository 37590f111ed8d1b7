-- Peka team mode, schema version 4: what the whole team gave a customer lately, for the
-- sidebar's "already given to this customer" list. Any enrolled agent may ask about the
-- customer in front of them; they see each grant's date, type, amount and agent, never
-- its idempotency key. At most the newest 100, oldest first; days between 1 and 90.

SET LOCAL ROLE peka_owner_role;
SET LOCAL search_path = peka, pg_catalog;

CREATE FUNCTION peka.customer_grants(p_customer text, p_days integer DEFAULT 30)
RETURNS SETOF jsonb LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT x.j FROM (
        SELECT peka.grant_json(g) - 'idempotency_key' - 'content_hash'
                || jsonb_build_object('audit_seq', g.audit_seq) AS j,
            g.granted_at, g.audit_seq
        FROM peka.me() m, peka.grants g
        WHERE m.active AND g.customer_id = p_customer
          AND g.granted_at >= clock_timestamp()
              - make_interval(days => least(greatest(COALESCE(p_days, 30), 1), 90))
        ORDER BY g.granted_at DESC, g.audit_seq DESC LIMIT 100) x
    ORDER BY x.granted_at, x.audit_seq
$$;

REVOKE ALL ON FUNCTION peka.customer_grants(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION peka.customer_grants(text, integer)
    TO peka_agent_role, peka_supervisor_role;
