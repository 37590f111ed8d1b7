-- Peka team mode, schema version 1: the server of record for grants, budgets, approvals
-- and audit. Applied by `peka team init` inside one transaction. The tokens
-- peka_owner_role, peka_agent_role and peka_supervisor_role are replaced with this
-- database's group roles (quoted identifiers) before the file runs.
--
-- Every table belongs to the NOLOGIN owner role. Agents and supervisors log in as their
-- own roles, hold no table privilege at all and may only EXECUTE the SECURITY DEFINER
-- functions below, which take the caller's identity from session_user (never from an
-- argument) and check every limit inside their one transaction.

CREATE SCHEMA peka AUTHORIZATION peka_owner_role;
SET LOCAL ROLE peka_owner_role;
SET LOCAL search_path = peka, pg_catalog;

CREATE TABLE peka.schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE peka.agents (
    agent_id text PRIMARY KEY CHECK (agent_id <> '' AND length(agent_id) <= 100),
    login_role text NOT NULL UNIQUE,
    role text NOT NULL DEFAULT '',
    team text NOT NULL DEFAULT 'default',
    supervisor boolean NOT NULL DEFAULT false,
    active boolean NOT NULL DEFAULT true,
    enrolled_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE peka.policies (
    version integer PRIMARY KEY CHECK (version > 0),
    name text NOT NULL,
    policy jsonb NOT NULL,
    policy_hash text NOT NULL,
    signed_text text NOT NULL,
    signer text NOT NULL,
    key_id text NOT NULL,
    currency text NOT NULL,
    utc_offset_minutes integer NOT NULL,
    valid_from timestamptz,
    expires_at timestamptz NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by text NOT NULL
);

-- The published policy, resolved by the Python core for every enrolled agent: what this
-- agent may grant of this type. The server reads numbers; it never re-derives the rules.
CREATE TABLE peka.limits (
    policy_version integer NOT NULL REFERENCES peka.policies (version),
    agent_id text NOT NULL REFERENCES peka.agents (agent_id),
    type text NOT NULL,
    unit text NOT NULL CHECK (unit IN ('money', 'days')),
    refund boolean NOT NULL DEFAULT false,
    max_amount bigint,
    max_percent integer,
    max_per_customer_30d bigint,
    max_grants_per_customer_30d integer,
    daily_budget bigint,
    PRIMARY KEY (policy_version, agent_id, type)
);

-- Team-wide numbers published with the policy: each team's daily budget and the offline
-- allowance per agent per day (default none: no grant without the server).
CREATE TABLE peka.team_limits (
    policy_version integer NOT NULL REFERENCES peka.policies (version),
    type text NOT NULL,
    team_daily_budget bigint,
    offline_allowance bigint NOT NULL DEFAULT 0 CHECK (offline_allowance >= 0),
    PRIMARY KEY (policy_version, type)
);

CREATE TABLE peka.audit (
    seq bigint PRIMARY KEY,
    at text NOT NULL,
    kind text NOT NULL,
    payload text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL UNIQUE
);
CREATE TABLE peka.audit_head (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq bigint NOT NULL,
    hash text NOT NULL
);
INSERT INTO peka.audit_head VALUES (true, 0, repeat('0', 64));

CREATE TABLE peka.grants (
    grant_id text PRIMARY KEY,
    idempotency_key text NOT NULL UNIQUE,
    content_hash text NOT NULL,
    agent_id text NOT NULL REFERENCES peka.agents (agent_id),
    team text NOT NULL,
    customer_id text NOT NULL,
    type text NOT NULL,
    unit text NOT NULL,
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency text NOT NULL,
    transaction_id text,
    transaction_amount_minor bigint,
    refund boolean NOT NULL,
    reason text NOT NULL DEFAULT '',
    granted_at timestamptz NOT NULL,
    local_day date NOT NULL,
    authority text NOT NULL CHECK (authority IN ('policy', 'approval', 'offline')),
    offline_at timestamptz,
    approval_id text UNIQUE,
    approved_by text,
    policy_version integer,
    audit_seq bigint NOT NULL UNIQUE REFERENCES peka.audit (seq)
);
CREATE INDEX grants_by_customer ON peka.grants (customer_id, type, granted_at);
CREATE INDEX grants_by_transaction ON peka.grants (transaction_id) WHERE refund;
CREATE INDEX grants_by_day ON peka.grants (local_day, team);

-- Running totals per local day, kept in the grant's transaction (O(1) budget checks).
CREATE TABLE peka.day_totals (
    scope text NOT NULL CHECK (scope IN ('agent', 'team', 'offline')),
    key text NOT NULL,
    type text NOT NULL,
    local_day date NOT NULL,
    amount bigint NOT NULL,
    PRIMARY KEY (scope, key, type, local_day)
);

CREATE TABLE peka.approval_requests (
    request_id text PRIMARY KEY,
    idempotency_key text NOT NULL UNIQUE,
    agent_id text NOT NULL REFERENCES peka.agents (agent_id),
    team text NOT NULL,
    customer_id text NOT NULL,
    type text NOT NULL,
    unit text NOT NULL,
    amount_minor bigint NOT NULL CHECK (amount_minor > 0),
    currency text NOT NULL,
    transaction_id text,
    transaction_amount_minor bigint,
    reason text NOT NULL DEFAULT '',
    context jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'declined', 'refused')),
    decided_by text,
    decided_at timestamptz,
    note text NOT NULL DEFAULT '',
    grant_id text REFERENCES peka.grants (grant_id),
    refusal text NOT NULL DEFAULT ''
);
CREATE INDEX approvals_pending ON peka.approval_requests (created_at) WHERE status = 'pending';
CREATE INDEX approvals_by_agent ON peka.approval_requests (agent_id, decided_at);

-- Offline grants the server refused on replay: the agent and the supervisor both see them.
CREATE TABLE peka.offline_refusals (
    idempotency_key text PRIMARY KEY,
    agent_id text NOT NULL REFERENCES peka.agents (agent_id),
    customer_id text NOT NULL,
    type text NOT NULL,
    amount_minor bigint NOT NULL,
    offline_at timestamptz,
    code text NOT NULL,
    message text NOT NULL,
    refused_at timestamptz NOT NULL DEFAULT now()
);

-- Nobody edits history, not even by mistake as the owner: only INSERT.
CREATE FUNCTION peka.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON peka.audit
    FOR EACH ROW EXECUTE FUNCTION peka.refuse_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON peka.audit
    FOR EACH STATEMENT EXECUTE FUNCTION peka.refuse_change();
CREATE TRIGGER grants_append_only BEFORE UPDATE OR DELETE ON peka.grants
    FOR EACH ROW EXECUTE FUNCTION peka.refuse_change();
CREATE TRIGGER grants_no_truncate BEFORE TRUNCATE ON peka.grants
    FOR EACH STATEMENT EXECUTE FUNCTION peka.refuse_change();

-- ---------------------------------------------------------------------------------------
-- Internal helpers (no EXECUTE for anyone but the owner).

CREATE FUNCTION peka.utc_text(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- Append one entry to the hash chain. The head row's lock serialises every writer and is
-- held to commit; it is always the last lock a function takes (key, customer,
-- transaction and agent advisory locks come first), so no two writers deadlock.
CREATE FUNCTION peka.audit_append(p_kind text, p_payload jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    head peka.audit_head;
    v_at text := peka.utc_text(clock_timestamp());
    v_payload text := p_payload::text;
    v_hash text;
BEGIN
    SELECT * INTO head FROM peka.audit_head WHERE one FOR UPDATE;
    v_hash := encode(sha256(convert_to(
        (head.seq + 1)::text || chr(10) || v_at || chr(10) || p_kind || chr(10)
        || v_payload || chr(10) || head.hash, 'UTF8')), 'hex');
    INSERT INTO peka.audit (seq, at, kind, payload, prev_hash, hash)
        VALUES (head.seq + 1, v_at, p_kind, v_payload, head.hash, v_hash);
    UPDATE peka.audit_head SET seq = head.seq + 1, hash = v_hash WHERE one;
    RETURN head.seq + 1;
END $$;

CREATE FUNCTION peka.lock_head() RETURNS void LANGUAGE sql AS $$
    SELECT 1 FROM peka.audit_head WHERE one FOR UPDATE
$$;

CREATE FUNCTION peka.me() RETURNS peka.agents LANGUAGE plpgsql STABLE AS $$
DECLARE
    a peka.agents;
BEGIN
    SELECT * INTO a FROM peka.agents WHERE login_role = session_user AND active;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'login % is not an enrolled, active Peka agent', session_user
            USING ERRCODE = 'insufficient_privilege', HINT = 'E810';
    END IF;
    RETURN a;
END $$;

CREATE FUNCTION peka.me_supervisor() RETURNS peka.agents LANGUAGE plpgsql STABLE AS $$
DECLARE
    a peka.agents := peka.me();
BEGIN
    IF NOT a.supervisor THEN
        RAISE EXCEPTION '% is not a supervisor', a.agent_id
            USING ERRCODE = 'insufficient_privilege', HINT = 'E811';
    END IF;
    RETURN a;
END $$;

CREATE FUNCTION peka.policy_now() RETURNS peka.policies LANGUAGE plpgsql STABLE AS $$
DECLARE
    p peka.policies;
BEGIN
    SELECT * INTO p FROM peka.policies ORDER BY version DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no policy has been published to the team server'
            USING HINT = 'E812';
    END IF;
    RETURN p;
END $$;

CREATE FUNCTION peka.local_day(p peka.policies, t timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
    SELECT ((t AT TIME ZONE 'UTC') + make_interval(mins => p.utc_offset_minutes))::date
$$;

CREATE FUNCTION peka.day_total(p_scope text, p_key text, p_type text, p_day date)
RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT COALESCE((SELECT amount FROM peka.day_totals
        WHERE scope = p_scope AND key = p_key AND type = p_type AND local_day = p_day), 0)
$$;

CREATE FUNCTION peka.add_day_total(p_scope text, p_key text, p_type text, p_day date,
    p_amount bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO peka.day_totals VALUES (p_scope, p_key, p_type, p_day, p_amount)
    ON CONFLICT (scope, key, type, local_day)
    DO UPDATE SET amount = peka.day_totals.amount + excluded.amount
$$;

CREATE FUNCTION peka.money(p_amount bigint, p_unit text, p_currency text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_unit = 'days' THEN p_amount::text || ' day(s)'
        ELSE p_currency || ' ' || p_amount::text END
$$;

CREATE FUNCTION peka.grant_json(g peka.grants) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object(
        'grant_id', g.grant_id, 'idempotency_key', g.idempotency_key,
        'agent_id', g.agent_id, 'team', g.team, 'customer_id', g.customer_id,
        'type', g.type, 'unit', g.unit, 'amount_minor', g.amount_minor,
        'currency', g.currency, 'transaction_id', g.transaction_id,
        'transaction_amount_minor', g.transaction_amount_minor, 'refund', g.refund,
        'reason', g.reason, 'granted_at', peka.utc_text(g.granted_at),
        'local_day', g.local_day::text, 'authority', g.authority,
        'offline_at', CASE WHEN g.offline_at IS NULL THEN NULL
            ELSE peka.utc_text(g.offline_at) END,
        'approval_id', g.approval_id, 'approved_by', g.approved_by,
        'policy_version', g.policy_version, 'content_hash', g.content_hash)
$$;

-- Check every limit and record the grant, or return the coded refusal. Each sum is read
-- under the lock of what it counts (customer, transaction, agent; the team's with the
-- chain's head), so no other grant runs between a check and the insert.
CREATE FUNCTION peka.check_and_insert(
    a peka.agents, p peka.policies, p_key text, p_content text, p_customer text,
    p_type text, p_amount bigint, p_tx text, p_tx_amount bigint, p_reason text,
    p_authority text, p_offline_at timestamptz, p_approval_id text, p_approved_by text
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    lim peka.limits;
    tl peka.team_limits;
    g peka.grants;
    v_now timestamptz := clock_timestamp();
    v_day date := peka.local_day(p, v_now);
    v_unit text;
    v_refund boolean;
    v_sum bigint;
    v_count bigint;
    v_left bigint;
    v_refunded bigint;
    v_seq bigint;
BEGIN
    IF p_amount IS NULL OR p_amount <= 0 THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E529',
            'message', format('The amount must be more than zero, not %s.', p_amount));
    END IF;
    SELECT * INTO lim FROM peka.limits
        WHERE policy_version = p.version AND agent_id = a.agent_id AND type = p_type;
    SELECT * INTO tl FROM peka.team_limits WHERE policy_version = p.version AND type = p_type;
    IF p_authority <> 'approval' THEN
        IF lim.agent_id IS NULL THEN
            RETURN jsonb_build_object('ok', false, 'code', 'E520', 'message', format(
                '%s is not within your authority under policy version %s. Request approval '
                'from a supervisor.', p_type, p.version));
        END IF;
        IF v_now >= p.expires_at OR (p.valid_from IS NOT NULL AND v_now < p.valid_from) THEN
            RETURN jsonb_build_object('ok', false, 'code', 'E514', 'message', format(
                'Policy version %s published to the team server is not valid now (until %s). '
                'Ask your supervisor to publish the current policy.', p.version,
                peka.utc_text(p.expires_at)));
        END IF;
    END IF;
    v_unit := COALESCE(lim.unit, 'money');
    v_refund := COALESCE(lim.refund, false);
    IF p_authority = 'approval' THEN
        SELECT unit, refund INTO v_unit, v_refund FROM peka.limits
            WHERE policy_version = p.version AND type = p_type LIMIT 1;
        v_unit := COALESCE(v_unit, 'money');
        v_refund := COALESCE(v_refund, p_type IN ('partial_refund', 'full_refund'));
    END IF;
    PERFORM pg_advisory_xact_lock(2, hashtext(p_customer || chr(31) || p_type));
    IF v_refund AND (p_tx IS NULL OR p_tx_amount IS NULL) THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E527', 'message',
            'A refund needs the affected transaction and its amount.');
    END IF;
    IF v_refund THEN
        PERFORM pg_advisory_xact_lock(3, hashtext(p_tx));
        SELECT COALESCE(sum(amount_minor), 0) INTO v_refunded FROM peka.grants
            WHERE transaction_id = p_tx AND refund;
        IF v_refunded + p_amount > p_tx_amount THEN
            RETURN jsonb_build_object('ok', false, 'code', 'E524', 'message', format(
                'Transaction %s has only %s left to refund.', p_tx,
                peka.money(greatest(p_tx_amount - v_refunded, 0), v_unit, p.currency)));
        END IF;
    END IF;
    IF p_authority <> 'approval' THEN
        IF lim.max_amount IS NOT NULL AND p_amount > lim.max_amount THEN
            RETURN jsonb_build_object('ok', false, 'code', 'E521', 'message', format(
                '%s of %s is above your limit of %s per grant. Offer less or request approval.',
                p_type, peka.money(p_amount, v_unit, p.currency),
                peka.money(lim.max_amount, v_unit, p.currency)));
        END IF;
        IF lim.max_percent IS NOT NULL AND p_tx_amount IS NOT NULL
           AND p_amount > p_tx_amount * lim.max_percent / 10000 THEN
            RETURN jsonb_build_object('ok', false, 'code', 'E521', 'message', format(
                '%s of %s is above your limit of %s per grant (%s%% of the transaction).',
                p_type, peka.money(p_amount, v_unit, p.currency),
                peka.money(p_tx_amount * lim.max_percent / 10000, v_unit, p.currency),
                lim.max_percent / 100.0));
        END IF;
    END IF;
    -- The customer's 30 days count every agent and every authority (as standalone does).
    IF lim.max_per_customer_30d IS NOT NULL OR lim.max_grants_per_customer_30d IS NOT NULL THEN
        SELECT COALESCE(sum(amount_minor), 0), count(*) INTO v_sum, v_count FROM peka.grants
            WHERE customer_id = p_customer AND type = p_type
              AND granted_at >= v_now - interval '30 days';
        IF p_authority <> 'approval' AND (
            (lim.max_grants_per_customer_30d IS NOT NULL
                AND v_count >= lim.max_grants_per_customer_30d)
            OR (lim.max_per_customer_30d IS NOT NULL
                AND v_sum + p_amount > lim.max_per_customer_30d)) THEN
            v_left := CASE WHEN lim.max_grants_per_customer_30d IS NOT NULL
                AND v_count >= lim.max_grants_per_customer_30d THEN 0
                ELSE greatest(lim.max_per_customer_30d - v_sum, 0) END;
            RETURN jsonb_build_object('ok', false, 'code', 'E522', 'message', format(
                'The customer already received %s of %s in %s grant(s) in 30 days from the '
                'whole team; only %s more is within authority. Request approval.',
                peka.money(v_sum, v_unit, p.currency), p_type, v_count,
                peka.money(v_left, v_unit, p.currency)));
        END IF;
    END IF;
    PERFORM pg_advisory_xact_lock(4, hashtext(a.agent_id));
    -- The team's budget and the audit chain are one queue: take its head last, briefly.
    PERFORM peka.lock_head();
    IF p_authority <> 'approval' THEN
        IF lim.daily_budget IS NOT NULL THEN
            v_sum := peka.day_total('agent', a.agent_id, p_type, v_day);
            IF v_sum + p_amount > lim.daily_budget THEN
                RETURN jsonb_build_object('ok', false, 'code', 'E523', 'message', format(
                    'Your daily budget for %s has %s left. Request approval or offer less.',
                    p_type, peka.money(greatest(lim.daily_budget - v_sum, 0), v_unit,
                    p.currency)));
            END IF;
        END IF;
        IF tl.team_daily_budget IS NOT NULL THEN
            v_sum := peka.day_total('team', a.team, p_type, v_day);
            IF v_sum + p_amount > tl.team_daily_budget THEN
                RETURN jsonb_build_object('ok', false, 'code', 'E820', 'message', format(
                    'Team %s''s daily budget for %s has %s left. Request approval.',
                    a.team, p_type, peka.money(greatest(tl.team_daily_budget - v_sum, 0),
                    v_unit, p.currency)));
            END IF;
        END IF;
    END IF;
    IF p_authority = 'offline' THEN
        v_sum := peka.day_total('offline', a.agent_id, p_type, v_day);
        IF v_sum + p_amount > COALESCE(tl.offline_allowance, 0) THEN
            RETURN jsonb_build_object('ok', false, 'code', 'E830', 'message', format(
                'The offline grant of %s is more than the offline allowance of %s a day.',
                peka.money(p_amount, v_unit, p.currency),
                peka.money(COALESCE(tl.offline_allowance, 0), v_unit, p.currency)));
        END IF;
    END IF;

    g := ROW(
        'G-' || upper(substr(md5(random()::text || clock_timestamp()::text), 1, 16)),
        p_key, p_content, a.agent_id, a.team, p_customer, p_type, v_unit, p_amount,
        CASE WHEN v_unit = 'money' THEN p.currency ELSE '' END, p_tx, p_tx_amount, v_refund,
        p_reason, v_now, v_day, p_authority, p_offline_at, p_approval_id, p_approved_by,
        p.version, 0);
    v_seq := peka.audit_append('grant', peka.grant_json(g) - 'content_hash');
    g.audit_seq := v_seq;
    INSERT INTO peka.grants SELECT g.*;
    IF p_authority <> 'approval' THEN
        PERFORM peka.add_day_total('agent', a.agent_id, p_type, v_day, p_amount);
        PERFORM peka.add_day_total('team', a.team, p_type, v_day, p_amount);
    END IF;
    IF p_authority = 'offline' THEN
        PERFORM peka.add_day_total('offline', a.agent_id, p_type, v_day, p_amount);
    END IF;
    RETURN jsonb_build_object('ok', true, 'replay', false,
        'grant', peka.grant_json(g) || jsonb_build_object('audit_seq', v_seq));
END $$;

-- `peka team import-ledger` (administrator only): one standalone grant, audited like any.
CREATE FUNCTION peka.import_grant(p jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    g peka.grants;
BEGIN
    PERFORM peka.lock_head();
    IF EXISTS (SELECT 1 FROM peka.grants WHERE idempotency_key = p->>'idempotency_key') THEN
        RETURN false;
    END IF;
    g := jsonb_populate_record(NULL::peka.grants, p || jsonb_build_object('audit_seq', 0));
    g.audit_seq := peka.audit_append('grant', peka.grant_json(g) - 'content_hash');
    INSERT INTO peka.grants SELECT g.*;
    IF g.authority = 'policy' THEN
        PERFORM peka.add_day_total('agent', g.agent_id, g.type, g.local_day, g.amount_minor);
        PERFORM peka.add_day_total('team', g.team, g.type, g.local_day, g.amount_minor);
    END IF;
    RETURN true;
END $$;

-- ---------------------------------------------------------------------------------------
-- What agents call.

CREATE FUNCTION peka.whoami() RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
DECLARE
    a peka.agents := peka.me();
    p peka.policies;
BEGIN
    SELECT * INTO p FROM peka.policies ORDER BY version DESC LIMIT 1;
    RETURN jsonb_build_object('agent_id', a.agent_id, 'role', a.role, 'team', a.team,
        'supervisor', a.supervisor, 'policy_version', p.version,
        'server_time', peka.utc_text(clock_timestamp()));
END $$;

-- The signed policy in force and this agent's resolved limits (cached by the workstation
-- for offering options and, while offline, for the offline allowance).
CREATE FUNCTION peka.my_policy() RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
DECLARE
    a peka.agents := peka.me();
    p peka.policies := peka.policy_now();
BEGIN
    RETURN jsonb_build_object(
        'version', p.version, 'signed_text', p.signed_text, 'policy_hash', p.policy_hash,
        'currency', p.currency, 'utc_offset_minutes', p.utc_offset_minutes,
        'expires_at', peka.utc_text(p.expires_at),
        'limits', COALESCE((SELECT jsonb_object_agg(type, to_jsonb(l) - 'policy_version'
            - 'agent_id' - 'type') FROM peka.limits l
            WHERE policy_version = p.version AND agent_id = a.agent_id), '{}'),
        'team_limits', COALESCE((SELECT jsonb_object_agg(type, to_jsonb(t) - 'policy_version'
            - 'type') FROM peka.team_limits t WHERE policy_version = p.version), '{}'));
END $$;

-- What counts against the limits for this customer and this agent now, per type.
CREATE FUNCTION peka.usage(p_customer text, p_tx text) RETURNS jsonb LANGUAGE plpgsql
STABLE SECURITY DEFINER SET search_path = peka, pg_catalog, pg_temp AS $$
DECLARE
    a peka.agents := peka.me();
    p peka.policies := peka.policy_now();
    v_now timestamptz := clock_timestamp();
    v_day date := peka.local_day(p, v_now);
BEGIN
    RETURN jsonb_build_object(
        'customer', COALESCE((SELECT jsonb_object_agg(type, jsonb_build_array(s, c)) FROM (
            SELECT type, sum(amount_minor) AS s, count(*) AS c FROM peka.grants
            WHERE customer_id = p_customer AND granted_at >= v_now - interval '30 days'
            GROUP BY type) x), '{}'),
        'customer_grants_30d', (SELECT count(*) FROM peka.grants
            WHERE customer_id = p_customer AND granted_at >= v_now - interval '30 days'),
        'agent_today', COALESCE((SELECT jsonb_object_agg(type, amount) FROM peka.day_totals
            WHERE scope = 'agent' AND key = a.agent_id AND local_day = v_day), '{}'),
        'team_today', COALESCE((SELECT jsonb_object_agg(type, amount) FROM peka.day_totals
            WHERE scope = 'team' AND key = a.team AND local_day = v_day), '{}'),
        'refunded', (SELECT COALESCE(sum(amount_minor), 0) FROM peka.grants
            WHERE p_tx IS NOT NULL AND transaction_id = p_tx AND refund));
END $$;

-- Grant as the logged-in agent. The same key with the same content returns the first
-- result; another content under a used key is refused (E528). Refusals are audited.
CREATE FUNCTION peka.grant(
    p_key text, p_customer text, p_type text, p_amount bigint,
    p_tx text DEFAULT NULL, p_tx_amount bigint DEFAULT NULL, p_reason text DEFAULT '',
    p_offline_at timestamptz DEFAULT NULL
) RETURNS jsonb LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
DECLARE
    a peka.agents := peka.me();
    p peka.policies := peka.policy_now();
    g peka.grants;
    v_authority text := CASE WHEN p_offline_at IS NULL THEN 'policy' ELSE 'offline' END;
    v_content text;
    v_result jsonb;
BEGIN
    IF p_key IS NULL OR btrim(p_key) = '' OR length(p_key) > 200 THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E529',
            'message', 'A grant needs an idempotency key of at most 200 characters.');
    END IF;
    IF p_customer IS NULL OR btrim(p_customer) = '' OR p_type IS NULL THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E529',
            'message', 'A grant needs a customer and a compensation type.');
    END IF;
    v_content := encode(sha256(convert_to(jsonb_build_array(a.agent_id, p_customer, p_type,
        p_amount, p_tx, p_tx_amount, COALESCE(p_reason, ''), v_authority)::text, 'UTF8')), 'hex');
    -- Lock order everywhere: key, customer, transaction, agent, then the chain's head.
    PERFORM pg_advisory_xact_lock(1, hashtext(p_key));
    SELECT * INTO g FROM peka.grants WHERE idempotency_key = p_key;
    IF FOUND THEN
        IF g.content_hash = v_content AND g.agent_id = a.agent_id THEN
            RETURN jsonb_build_object('ok', true, 'replay', true,
                'grant', peka.grant_json(g) || jsonb_build_object('audit_seq', g.audit_seq));
        END IF;
        v_result := jsonb_build_object('ok', false, 'code', 'E528', 'message', format(
            'Key %s was already used for grant %s. Use a new key for a different grant.',
            p_key, g.grant_id));
    ELSE
        v_result := peka.check_and_insert(a, p, p_key, v_content, p_customer, p_type,
            p_amount, p_tx, p_tx_amount, COALESCE(p_reason, ''), v_authority, p_offline_at,
            NULL, NULL);
    END IF;
    IF NOT (v_result->>'ok')::boolean THEN
        PERFORM peka.audit_append('refusal', jsonb_build_object(
            'agent_id', a.agent_id, 'customer_id', p_customer, 'type', p_type,
            'amount_minor', p_amount, 'transaction_id', p_tx, 'idempotency_key', p_key,
            'code', v_result->>'code', 'message', v_result->>'message',
            'policy_version', p.version, 'authority', v_authority));
        IF v_authority = 'offline' AND v_result->>'code' <> 'E528' THEN
            INSERT INTO peka.offline_refusals (idempotency_key, agent_id, customer_id, type,
                amount_minor, offline_at, code, message)
            VALUES (p_key, a.agent_id, p_customer, p_type, p_amount, p_offline_at,
                v_result->>'code', v_result->>'message')
            ON CONFLICT (idempotency_key) DO NOTHING;
            PERFORM pg_notify('peka_offline_refusals', p_key);
        END IF;
    END IF;
    RETURN v_result;
END $$;

CREATE FUNCTION peka.request_approval(
    p_key text, p_customer text, p_type text, p_amount bigint,
    p_tx text DEFAULT NULL, p_tx_amount bigint DEFAULT NULL, p_reason text DEFAULT '',
    p_context jsonb DEFAULT '{}', p_expires_hours double precision DEFAULT 24
) RETURNS jsonb LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
DECLARE
    a peka.agents := peka.me();
    p peka.policies := peka.policy_now();
    r peka.approval_requests;
    v_unit text;
BEGIN
    IF p_amount IS NULL OR p_amount <= 0 OR p_key IS NULL OR btrim(p_key) = ''
       OR p_customer IS NULL OR btrim(p_customer) = '' OR p_type IS NULL
       OR p_expires_hours IS NULL OR p_expires_hours <= 0 OR p_expires_hours > 720 THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E529', 'message',
            'An approval request needs a key, a customer, a type, an amount above zero and '
            'an expiry of at most 720 hours.');
    END IF;
    PERFORM peka.lock_head();
    SELECT * INTO r FROM peka.approval_requests WHERE idempotency_key = p_key;
    IF FOUND THEN
        IF r.agent_id = a.agent_id AND r.customer_id = p_customer AND r.type = p_type
           AND r.amount_minor = p_amount THEN
            RETURN jsonb_build_object('ok', true, 'replay', true,
                'request', to_jsonb(r) - 'idempotency_key');
        END IF;
        RETURN jsonb_build_object('ok', false, 'code', 'E528', 'message', format(
            'Key %s was already used for request %s.', p_key, r.request_id));
    END IF;
    SELECT unit INTO v_unit FROM peka.limits
        WHERE policy_version = p.version AND type = p_type LIMIT 1;
    r := ROW('R-' || upper(substr(md5(random()::text || clock_timestamp()::text), 1, 12)),
        p_key, a.agent_id, a.team, p_customer, p_type, COALESCE(v_unit, 'money'), p_amount,
        CASE WHEN COALESCE(v_unit, 'money') = 'money' THEN p.currency ELSE '' END,
        p_tx, p_tx_amount, COALESCE(p_reason, ''), COALESCE(p_context, '{}'),
        clock_timestamp(), clock_timestamp() + make_interval(secs => p_expires_hours * 3600),
        'pending', NULL, NULL, '', NULL, '');
    INSERT INTO peka.approval_requests SELECT r.*;
    PERFORM peka.audit_append('approval_requested', to_jsonb(r) - 'idempotency_key'
        - 'context' - 'status' - 'decided_by' - 'decided_at' - 'note' - 'grant_id'
        - 'refusal');
    PERFORM pg_notify('peka_approvals', r.request_id);
    RETURN jsonb_build_object('ok', true, 'replay', false,
        'request', to_jsonb(r) - 'idempotency_key');
END $$;

-- An agent's own requests (with decisions) changed since a moment; the sidebar polls
-- this when LISTEN tells it something was decided.
CREATE FUNCTION peka.my_requests(p_since timestamptz DEFAULT '-infinity')
RETURNS SETOF jsonb LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT to_jsonb(r) - 'idempotency_key' FROM peka.approval_requests r
    WHERE r.agent_id = (peka.me()).agent_id
      AND (r.created_at >= p_since OR r.decided_at >= p_since)
    ORDER BY r.created_at
$$;

CREATE FUNCTION peka.my_offline_refusals() RETURNS SETOF jsonb LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT to_jsonb(o) FROM peka.offline_refusals o WHERE o.agent_id = (peka.me()).agent_id
    ORDER BY refused_at
$$;

-- ---------------------------------------------------------------------------------------
-- What supervisors call.

CREATE FUNCTION peka.pending_approvals() RETURNS SETOF jsonb LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT to_jsonb(r) - 'idempotency_key' FROM peka.approval_requests r
    WHERE (SELECT supervisor FROM peka.me_supervisor()) AND r.status = 'pending'
      AND r.expires_at > clock_timestamp()
    ORDER BY r.created_at
$$;

-- Approve (the grant is recorded at once, for the requesting agent) or decline.
CREATE FUNCTION peka.decide_approval(p_request text, p_approve boolean, p_note text DEFAULT '')
RETURNS jsonb LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
DECLARE
    s peka.agents := peka.me_supervisor();
    p peka.policies := peka.policy_now();
    r peka.approval_requests;
    a peka.agents;
    v_result jsonb;
BEGIN
    SELECT * INTO r FROM peka.approval_requests WHERE request_id = p_request FOR UPDATE;
    IF NOT FOUND THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E813',
            'message', format('There is no approval request %s.', p_request));
    END IF;
    IF r.status <> 'pending' THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E815', 'message', format(
            'Request %s was already %s by %s.', r.request_id, r.status, r.decided_by));
    END IF;
    IF r.expires_at <= clock_timestamp() THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E544', 'message', format(
            'Request %s expired at %s.', r.request_id, peka.utc_text(r.expires_at)));
    END IF;
    IF r.agent_id = s.agent_id THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E814', 'message',
            'A supervisor cannot decide their own request; ask another supervisor.');
    END IF;
    IF p_approve THEN
        SELECT * INTO a FROM peka.agents WHERE agent_id = r.agent_id;
        v_result := peka.check_and_insert(a, p, 'approval:' || r.request_id, r.request_id,
            r.customer_id, r.type, r.amount_minor, r.transaction_id,
            r.transaction_amount_minor, r.reason, 'approval', NULL, r.request_id, s.agent_id);
        IF NOT (v_result->>'ok')::boolean THEN
            UPDATE peka.approval_requests SET status = 'refused', decided_by = s.agent_id,
                decided_at = clock_timestamp(), note = COALESCE(p_note, ''),
                refusal = v_result->>'message' WHERE request_id = r.request_id;
            PERFORM peka.audit_append('approval_refused', jsonb_build_object(
                'request_id', r.request_id, 'code', v_result->>'code',
                'message', v_result->>'message', 'agent_id', r.agent_id,
                'supervisor', s.agent_id));
        ELSE
            UPDATE peka.approval_requests SET status = 'approved', decided_by = s.agent_id,
                decided_at = clock_timestamp(), note = COALESCE(p_note, ''),
                grant_id = v_result->'grant'->>'grant_id' WHERE request_id = r.request_id;
            PERFORM peka.audit_append('approval_accepted', jsonb_build_object(
                'request_id', r.request_id, 'grant_id', v_result->'grant'->>'grant_id',
                'approved_by', s.agent_id, 'note', COALESCE(p_note, '')));
        END IF;
    ELSE
        UPDATE peka.approval_requests SET status = 'declined', decided_by = s.agent_id,
            decided_at = clock_timestamp(), note = COALESCE(p_note, '')
            WHERE request_id = r.request_id;
        PERFORM peka.audit_append('approval_declined', jsonb_build_object(
            'request_id', r.request_id, 'declined_by', s.agent_id,
            'note', COALESCE(p_note, '')));
        v_result := jsonb_build_object('ok', true);
    END IF;
    PERFORM pg_notify('peka_decisions', r.agent_id || ' ' || r.request_id);
    RETURN v_result || jsonb_build_object('request', (SELECT to_jsonb(x) - 'idempotency_key'
        FROM peka.approval_requests x WHERE x.request_id = r.request_id));
END $$;

CREATE FUNCTION peka.offline_refusals() RETURNS SETOF jsonb LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT to_jsonb(o) FROM peka.offline_refusals o
    WHERE (SELECT supervisor FROM peka.me_supervisor()) ORDER BY refused_at
$$;

-- The whole chain, for `peka audit verify --server` (supervisors and auditors).
CREATE FUNCTION peka.audit_entries(p_after bigint DEFAULT 0, p_limit integer DEFAULT 5000)
RETURNS TABLE (seq bigint, at text, kind text, payload text, prev_hash text, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT e.seq, e.at, e.kind, e.payload, e.prev_hash, e.hash FROM peka.audit e
    WHERE (SELECT supervisor FROM peka.me_supervisor()) AND e.seq > p_after
    ORDER BY e.seq LIMIT p_limit
$$;

CREATE FUNCTION peka.audit_head_now() RETURNS jsonb LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT jsonb_build_object('seq', h.seq, 'hash', h.hash,
        'grants', (SELECT count(*) FROM peka.grants))
    FROM peka.audit_head h WHERE (SELECT supervisor FROM peka.me_supervisor())
$$;

CREATE FUNCTION peka.team_grants(p_from timestamptz, p_to timestamptz)
RETURNS SETOF jsonb LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT peka.grant_json(g) || jsonb_build_object('audit_seq', g.audit_seq)
    FROM peka.grants g
    WHERE (SELECT supervisor FROM peka.me_supervisor())
      AND g.granted_at >= p_from AND g.granted_at < p_to
    ORDER BY g.audit_seq
$$;

CREATE FUNCTION peka.team_requests(p_from timestamptz, p_to timestamptz)
RETURNS SETOF jsonb LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT to_jsonb(r) - 'idempotency_key' FROM peka.approval_requests r
    WHERE (SELECT supervisor FROM peka.me_supervisor())
      AND r.created_at >= p_from AND r.created_at < p_to
    ORDER BY r.created_at
$$;

CREATE FUNCTION peka.team_budgets() RETURNS SETOF jsonb LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT jsonb_build_object('agent_id', l.agent_id, 'type', l.type,
        'daily_budget', l.daily_budget, 'unit', l.unit, 'currency', p.currency)
    FROM peka.limits l JOIN peka.policies p ON p.version = l.policy_version
    WHERE (SELECT supervisor FROM peka.me_supervisor())
      AND l.policy_version = (SELECT max(version) FROM peka.policies)
      AND l.daily_budget IS NOT NULL
    ORDER BY l.agent_id, l.type
$$;

-- Publish a signed policy (verified by the publishing Peka) with the limits the Python
-- core resolved for every enrolled agent. Versions only go up.
CREATE FUNCTION peka.publish_policy(p_policy jsonb, p_limits jsonb, p_team_limits jsonb)
RETURNS jsonb LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
DECLARE
    s peka.agents := peka.me_supervisor();
    v_version integer := (p_policy->>'version')::integer;
    v_top integer;
BEGIN
    PERFORM peka.lock_head();
    SELECT max(version) INTO v_top FROM peka.policies;
    IF v_top IS NOT NULL AND v_version <= v_top THEN
        RETURN jsonb_build_object('ok', false, 'code', 'E515', 'message', format(
            'Version %s is not newer than version %s already published; raise the version '
            'and sign again.', v_version, v_top));
    END IF;
    INSERT INTO peka.policies (version, name, policy, policy_hash, signed_text, signer, key_id,
        currency, utc_offset_minutes, valid_from, expires_at, published_by)
    VALUES (v_version, p_policy->>'name', p_policy->'policy', p_policy->>'policy_hash',
        p_policy->>'signed_text', p_policy->>'signer', p_policy->>'key_id',
        p_policy->>'currency', (p_policy->>'utc_offset_minutes')::integer,
        (p_policy->>'valid_from')::timestamptz, (p_policy->>'expires_at')::timestamptz,
        s.agent_id);
    INSERT INTO peka.limits SELECT * FROM jsonb_populate_recordset(NULL::peka.limits,
        (SELECT COALESCE(jsonb_agg(x || jsonb_build_object('policy_version', v_version)), '[]')
         FROM jsonb_array_elements(p_limits) x));
    INSERT INTO peka.team_limits SELECT * FROM jsonb_populate_recordset(
        NULL::peka.team_limits,
        (SELECT COALESCE(jsonb_agg(x || jsonb_build_object('policy_version', v_version)), '[]')
         FROM jsonb_array_elements(p_team_limits) x));
    PERFORM peka.audit_append('policy_published', jsonb_build_object('version', v_version,
        'policy_hash', p_policy->>'policy_hash', 'signer', p_policy->>'signer',
        'key_id', p_policy->>'key_id', 'published_by', s.agent_id,
        'limits', jsonb_array_length(p_limits),
        'team_limits', jsonb_array_length(p_team_limits)));
    PERFORM pg_notify('peka_policy', v_version::text);
    RETURN jsonb_build_object('ok', true, 'version', v_version);
END $$;

CREATE FUNCTION peka.roster() RETURNS SETOF jsonb LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT to_jsonb(a) FROM peka.agents a WHERE (SELECT supervisor FROM peka.me_supervisor())
    ORDER BY agent_id
$$;

CREATE FUNCTION peka.current_policy_json() RETURNS jsonb LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT to_jsonb(p) FROM peka.policies p ORDER BY version DESC LIMIT 1
$$;

-- ---------------------------------------------------------------------------------------
-- Privileges: nothing for PUBLIC; the groups may use the schema and call the functions
-- meant for them, and nothing else.

REVOKE ALL ON ALL TABLES IN SCHEMA peka FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA peka FROM PUBLIC;
REVOKE ALL ON SCHEMA peka FROM PUBLIC;
GRANT USAGE ON SCHEMA peka TO peka_agent_role, peka_supervisor_role;
GRANT EXECUTE ON FUNCTION peka.whoami(), peka.my_policy(), peka.usage(text, text),
    peka.grant(text, text, text, bigint, text, bigint, text, timestamptz),
    peka.request_approval(text, text, text, bigint, text, bigint, text, jsonb,
        double precision),
    peka.my_requests(timestamptz), peka.my_offline_refusals(), peka.current_policy_json()
    TO peka_agent_role, peka_supervisor_role;
GRANT EXECUTE ON FUNCTION peka.pending_approvals(),
    peka.decide_approval(text, boolean, text), peka.offline_refusals(),
    peka.audit_entries(bigint, integer), peka.audit_head_now(),
    peka.team_grants(timestamptz, timestamptz), peka.publish_policy(jsonb, jsonb, jsonb),
    peka.team_requests(timestamptz, timestamptz), peka.team_budgets(),
    peka.roster()
    TO peka_supervisor_role;
