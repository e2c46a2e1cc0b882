-- The witness's lease for cluster ${pg_cluster_name} (pgha bootstrap runs it on the witness
-- ${pg_witness_host} as ${pg_witness_user}; idempotent). One row per cluster: the node that may be
-- primary, and when it last renewed, on the witness's clock only (the nodes measure their own
-- deadlines on their own monotonic clocks).
-- Rendered by pgha from templates/pg_witness.sql.ftl.
create table if not exists pgha_lease (
    cluster    text primary key,
    holder     text not null,
    renewed_at timestamptz not null,
    ttl_s      int not null check (ttl_s > 0)
);

-- Grants or renews the lease for node: granted when node holds it already, or when the holder has not
-- renewed it for ttl_s seconds. Returns the holder after the call (node when granted).
create or replace function pgha_lease_take(p_cluster text, p_node text, p_ttl int) returns text
language plpgsql as $$
declare
    h text;
begin
    insert into pgha_lease as l (cluster, holder, renewed_at, ttl_s)
    values (p_cluster, p_node, clock_timestamp(), p_ttl)
    on conflict (cluster) do update
        set holder = excluded.holder, renewed_at = excluded.renewed_at, ttl_s = excluded.ttl_s
        where l.holder = excluded.holder
           or l.renewed_at + make_interval(secs => l.ttl_s) < clock_timestamp()
    returning holder into h;
    if h is null then
        select holder into h from pgha_lease where cluster = p_cluster;
    end if;
    return h;
end $$;

-- Gives the lease up (a node that fenced itself): the standby may take it at once.
create or replace function pgha_lease_release(p_cluster text, p_node text) returns boolean
language sql as $$
    with gone as (delete from pgha_lease where cluster = p_cluster and holder = p_node returning 1)
    select exists (select 1 from gone);
$$;
