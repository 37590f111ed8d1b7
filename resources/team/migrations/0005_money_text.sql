-- Peka team mode, schema version 5: amounts in the server's messages read as money
-- ("Rp 100.000"), the way Peka shows them everywhere else, not as minor units
-- ("IDR 10000000"). Refusal messages reach the agent word for word.

SET LOCAL ROLE peka_owner_role;
SET LOCAL search_path = peka, pg_catalog;

CREATE OR REPLACE FUNCTION peka.money(p_amount bigint, p_unit text, p_currency text)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN p_unit = 'days' THEN p_amount::text || ' day(s)'
        ELSE CASE WHEN p_amount < 0 THEN '-' ELSE '' END
            || CASE WHEN p_currency = 'IDR' THEN 'Rp ' ELSE p_currency || ' ' END
            || replace(to_char(abs(p_amount) / 100, 'FM999G999G999G999G990'), ',', '.')
            || CASE WHEN abs(p_amount) % 100 = 0 THEN ''
                ELSE ',' || lpad((abs(p_amount) % 100)::text, 2, '0') END
    END
$$;
