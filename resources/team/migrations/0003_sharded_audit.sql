-- Peka team mode, schema version 3: the audit chain is sharded so that grants by
-- different agents no longer commit one at a time.
--
-- Until version 2 every writer locked the single head row peka.audit_head and held it to
-- commit, so the whole team's grants queued behind one fsync each. Now there are 16
-- chains; an agent's entries go to chain 1 + (hashtext(agent_id) mod 16) and a
-- transaction appends to one chain only (the first it locks). Each chain has its own head
-- row in peka.audit_heads (its last chain_seq and hash) and numbers its entries 1, 2, 3 …
-- in chain_seq, so a removed tail shows as a head that is not the chain's last entry.
-- Entries keep a global, unique seq (from a sequence, so with gaps) that grants reference.
--
-- The entries written before this version stay as they are: chain 0, chain_seq = seq,
-- hashed as before. Chain 0 takes no new entries; chains 1–16 start from its last hash,
-- so the old chain is the common prefix of every new one. New entries hash
-- "chain:chain_seq:seq", at, kind, payload and the previous hash, joined by newlines.
--
-- The team's daily budget was one running-total row that every grant of the team
-- updated and held to commit. It is now split the same way: per team, type and day one
-- row per chain (1–16) holding a share of what is left ("cap") and what was spent from
-- it, plus row 0 for what was spent before this version or imported. A grant takes from
-- its chain's row, which only the holder of that chain's head touches, so agents on
-- different chains never wait for each other. When a row's share is not enough (or the
-- day, or the budget in the policy, is new) the grant locks all 17 rows in order, checks
-- the exact total against the budget, and shares out what is left again; so no number
-- of grants can spend more than the budget, and none is refused while the team total
-- still has room.

SET LOCAL ROLE peka_owner_role;
SET LOCAL search_path = peka, pg_catalog;

ALTER TABLE peka.audit ADD COLUMN chain smallint NOT NULL DEFAULT 0
    CHECK (chain BETWEEN 0 AND 16);
ALTER TABLE peka.audit ADD COLUMN chain_seq bigint;
ALTER TABLE peka.audit DISABLE TRIGGER audit_append_only;
UPDATE peka.audit SET chain_seq = seq;
ALTER TABLE peka.audit ENABLE TRIGGER audit_append_only;
ALTER TABLE peka.audit ALTER COLUMN chain_seq SET NOT NULL;
ALTER TABLE peka.audit ALTER COLUMN chain DROP DEFAULT;
ALTER TABLE peka.audit ADD CONSTRAINT audit_chain_position UNIQUE (chain, chain_seq);

CREATE SEQUENCE peka.audit_seq OWNED BY peka.audit.seq;
SELECT setval('peka.audit_seq', COALESCE((SELECT max(seq) FROM peka.audit), 0) + 1, false);

CREATE TABLE peka.audit_heads (
    chain smallint PRIMARY KEY CHECK (chain BETWEEN 0 AND 16),
    seq bigint NOT NULL,
    hash text NOT NULL
);
INSERT INTO peka.audit_heads SELECT 0, seq, hash FROM peka.audit_head;
INSERT INTO peka.audit_heads SELECT c, 0, h.hash FROM peka.audit_head h,
    generate_series(1, 16) c;
DROP FUNCTION peka.lock_head();
DROP FUNCTION peka.audit_head_now();
DROP FUNCTION peka.audit_entries(bigint, integer);
DROP TABLE peka.audit_head;

-- Lock the head of the chain this transaction writes to and return its number. The first
-- call picks the chain from p_key; later calls in the same transaction keep it, so a
-- transaction holds one head and no two writers wait for each other's heads. The choice
-- is remembered in a transaction-local setting, but the head is locked on every call, so
-- a caller who sets it by hand only picks which chain it waits for.
CREATE FUNCTION peka.audit_begin(p_key text) RETURNS smallint LANGUAGE plpgsql AS $$
DECLARE
    v_setting text := current_setting('peka.audit_chain', true);
    v_chain smallint;
BEGIN
    IF v_setting ~ '^([1-9]|1[0-6])$' THEN
        v_chain := v_setting::smallint;
    ELSE
        v_chain := 1 + ((hashtext(p_key)::bigint % 16) + 16) % 16;
        PERFORM set_config('peka.audit_chain', v_chain::text, true);
    END IF;
    PERFORM 1 FROM peka.audit_heads WHERE chain = v_chain FOR UPDATE;
    RETURN v_chain;
END $$;

CREATE OR REPLACE FUNCTION peka.audit_append(p_kind text, p_payload jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    v_chain smallint := peka.audit_begin(COALESCE(p_payload->>'agent_id', session_user));
    head peka.audit_heads;
    v_seq bigint := nextval('peka.audit_seq');
    v_at text := peka.utc_text(clock_timestamp());
    v_payload text := p_payload::text;
    v_hash text;
BEGIN
    SELECT * INTO head FROM peka.audit_heads WHERE chain = v_chain;
    v_hash := encode(sha256(convert_to(
        v_chain::text || ':' || (head.seq + 1)::text || ':' || v_seq::text || chr(10)
        || v_at || chr(10) || p_kind || chr(10) || v_payload || chr(10) || head.hash,
        'UTF8')), 'hex');
    INSERT INTO peka.audit (seq, at, kind, payload, prev_hash, hash, chain, chain_seq)
        VALUES (v_seq, v_at, p_kind, v_payload, head.hash, v_hash, v_chain, head.seq + 1);
    UPDATE peka.audit_heads SET seq = head.seq + 1, hash = v_hash WHERE chain = v_chain;
    RETURN v_seq;
END $$;



CREATE TABLE peka.team_spend (
    team text NOT NULL,
    type text NOT NULL,
    local_day date NOT NULL,
    slot smallint NOT NULL CHECK (slot BETWEEN 0 AND 16),
    budget bigint,  -- the team_daily_budget the caps were shared out from (NULL: none)
    cap bigint NOT NULL,
    spent bigint NOT NULL,
    PRIMARY KEY (team, type, local_day, slot)
);
INSERT INTO peka.team_spend
    SELECT key, type, local_day, 0, NULL, amount, amount FROM peka.day_totals
    WHERE scope = 'team';
DELETE FROM peka.day_totals WHERE scope = 'team';
ALTER TABLE peka.day_totals DROP CONSTRAINT day_totals_scope_check;
ALTER TABLE peka.day_totals ADD CONSTRAINT day_totals_scope_check
    CHECK (scope IN ('agent', 'offline'));

-- Spend p_amount of the team's day from the row of the chain this transaction holds
-- (p_slot), or, when that row's share is short, lock every row in order, check the
-- whole day against p_budget and share out what is left. NULL when it fits, else what
-- was left before this grant.
CREATE FUNCTION peka.team_spend(p_team text, p_type text, p_day date, p_slot smallint,
    p_amount bigint, p_budget bigint) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_spent bigint;
    v_left bigint;
    v_share bigint;
BEGIN
    UPDATE peka.team_spend SET spent = spent + p_amount
        WHERE team = p_team AND type = p_type AND local_day = p_day AND slot = p_slot
          AND budget IS NOT DISTINCT FROM p_budget
          AND (p_budget IS NULL OR spent + p_amount <= cap);
    IF FOUND THEN
        RETURN NULL;
    END IF;
    INSERT INTO peka.team_spend
        SELECT p_team, p_type, p_day, s, p_budget, 0, 0 FROM generate_series(0, 16) s
        ON CONFLICT DO NOTHING;
    SELECT sum(spent) INTO v_spent FROM (SELECT spent FROM peka.team_spend
        WHERE team = p_team AND type = p_type AND local_day = p_day
        ORDER BY slot FOR UPDATE) x;
    IF p_budget IS NOT NULL AND v_spent + p_amount > p_budget THEN
        RETURN greatest(p_budget - v_spent, 0);
    END IF;
    v_left := CASE WHEN p_budget IS NULL THEN 0 ELSE p_budget - v_spent - p_amount END;
    v_share := v_left / 16;
    UPDATE peka.team_spend SET budget = p_budget,
        spent = spent + CASE WHEN slot = p_slot THEN p_amount ELSE 0 END,
        cap = spent + CASE WHEN slot = p_slot THEN p_amount ELSE 0 END
            + CASE WHEN slot = 0 THEN 0 ELSE v_share END
            + CASE WHEN slot = 1 THEN v_left - 16 * v_share ELSE 0 END
        WHERE team = p_team AND type = p_type AND local_day = p_day;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION peka.check_and_insert(
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
    v_chain smallint;
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
    -- This agent's audit chain: shared with few other agents, held to commit.
    v_chain := peka.audit_begin(a.agent_id);
    IF p_authority <> 'approval' AND lim.daily_budget IS NOT NULL THEN
        v_sum := peka.day_total('agent', a.agent_id, p_type, v_day);
        IF v_sum + p_amount > lim.daily_budget THEN
            RETURN jsonb_build_object('ok', false, 'code', 'E523', 'message', format(
                'Your daily budget for %s has %s left. Request approval or offer less.',
                p_type, peka.money(greatest(lim.daily_budget - v_sum, 0), v_unit,
                p.currency)));
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
    -- The team's day, from this chain's share of it (see peka.team_spend).
    IF p_authority <> 'approval' THEN
        v_left := peka.team_spend(a.team, p_type, v_day, v_chain, p_amount,
            tl.team_daily_budget);
        IF v_left IS NOT NULL THEN
            RETURN jsonb_build_object('ok', false, 'code', 'E820', 'message', format(
                'Team %s''s daily budget for %s has %s left. Request approval.',
                a.team, p_type, peka.money(v_left, v_unit, p.currency)));
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
    END IF;
    IF p_authority = 'offline' THEN
        PERFORM peka.add_day_total('offline', a.agent_id, p_type, v_day, p_amount);
    END IF;
    RETURN jsonb_build_object('ok', true, 'replay', false,
        'grant', peka.grant_json(g) || jsonb_build_object('audit_seq', v_seq));
END $$;

-- `peka team import-ledger` (administrator only): one standalone grant, audited like any.
CREATE OR REPLACE FUNCTION peka.import_grant(p jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    g peka.grants;
BEGIN
    PERFORM pg_advisory_xact_lock(7, 0);  -- imports take turns
    IF EXISTS (SELECT 1 FROM peka.grants WHERE idempotency_key = p->>'idempotency_key') THEN
        RETURN false;
    END IF;
    g := jsonb_populate_record(NULL::peka.grants, p || jsonb_build_object('audit_seq', 0));
    g.audit_seq := peka.audit_append('grant', peka.grant_json(g) - 'content_hash');
    INSERT INTO peka.grants SELECT g.*;
    IF g.authority = 'policy' THEN
        PERFORM peka.add_day_total('agent', g.agent_id, g.type, g.local_day, g.amount_minor);
        INSERT INTO peka.team_spend VALUES (g.team, g.type, g.local_day, 0, NULL,
            g.amount_minor, g.amount_minor)
        ON CONFLICT (team, type, local_day, slot) DO UPDATE
            SET cap = peka.team_spend.cap + excluded.cap,
                spent = peka.team_spend.spent + excluded.spent;
    END IF;
    RETURN true;
END $$;

CREATE OR REPLACE FUNCTION peka.request_approval(
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
    PERFORM pg_advisory_xact_lock(6, hashtext(p_key));
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

CREATE OR REPLACE FUNCTION peka.publish_policy(p_policy jsonb, p_limits jsonb, p_team_limits jsonb)
RETURNS jsonb LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
DECLARE
    s peka.agents := peka.me_supervisor();
    v_version integer := (p_policy->>'version')::integer;
    v_top integer;
BEGIN
    PERFORM pg_advisory_xact_lock(8, 0);  -- publishers take turns
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

-- What counts against the limits for this customer and this agent now, per type.
CREATE OR REPLACE FUNCTION peka.usage(p_customer text, p_tx text) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = peka, pg_catalog, pg_temp AS $$
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
        'team_today', COALESCE((SELECT jsonb_object_agg(type, s) FROM (
            SELECT type, sum(spent) AS s FROM peka.team_spend
            WHERE team = a.team AND local_day = v_day GROUP BY type) x), '{}'),
        'refunded', (SELECT COALESCE(sum(amount_minor), 0) FROM peka.grants
            WHERE p_tx IS NOT NULL AND transaction_id = p_tx AND refund));
END $$;

-- The chains, for `peka audit verify --server` (supervisors and auditors): one chain's
-- entries after a position, and every chain's head.
CREATE FUNCTION peka.audit_chain_entries(p_chain smallint, p_after bigint DEFAULT 0,
    p_limit integer DEFAULT 5000)
RETURNS TABLE (chain smallint, chain_seq bigint, seq bigint, at text, kind text,
    payload text, prev_hash text, hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT e.chain, e.chain_seq, e.seq, e.at, e.kind, e.payload, e.prev_hash, e.hash
    FROM peka.audit e
    WHERE (SELECT supervisor FROM peka.me_supervisor()) AND e.chain = p_chain
      AND e.chain_seq > p_after
    ORDER BY e.chain_seq LIMIT p_limit
$$;

CREATE FUNCTION peka.audit_heads_now() RETURNS jsonb LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = peka, pg_catalog, pg_temp AS $$
    SELECT jsonb_build_object(
        'chains', (SELECT jsonb_agg(jsonb_build_object('chain', h.chain, 'seq', h.seq,
            'hash', h.hash) ORDER BY h.chain) FROM peka.audit_heads h),
        'grants', (SELECT count(*) FROM peka.grants))
    WHERE (SELECT supervisor FROM peka.me_supervisor())
$$;

-- New functions are executable by PUBLIC until revoked; the old grants stay.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA peka FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA peka FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA peka FROM PUBLIC;
GRANT EXECUTE ON FUNCTION peka.audit_chain_entries(smallint, bigint, integer),
    peka.audit_heads_now() TO peka_supervisor_role;
