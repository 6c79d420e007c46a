-- A read-only PostgreSQL role for analysts and BI tools, limited to the `marts` schema
-- that `statswh publish --postgres` (or the DAG's publish_postgres task) writes.
--
-- Run it as a superuser or the database owner, once per database (running it again
-- only resets the password). The password comes from a psql variable, never from
-- this file:
--
--   psql "dbname=stats" \
--        -v reader_password="$STATSWH_READER_PASSWORD" \
--        -v publisher=statswh_publisher \
--        -f scripts/postgres_readonly_role.sql
--
-- Variables: reader_password (required), publisher (the role the pipeline connects
-- as, which creates the tables; required), reader (default statswh_reader).
--
-- What the reader gets: CONNECT to this database, USAGE on schema marts, SELECT on
-- every table in it now and on every table the publisher creates later (default
-- privileges), read-only transactions by default. Nothing else: no CREATE anywhere,
-- no access to other schemas' tables.

\set ON_ERROR_STOP on

\if :{?reader_password}
\else
  \echo 'Give the reader''s password: psql -v reader_password=... -f scripts/postgres_readonly_role.sql'
  \quit
\endif
\if :{?publisher}
\else
  \echo 'Give the publishing role: psql -v publisher=statswh_publisher -f scripts/postgres_readonly_role.sql'
  \quit
\endif
\if :{?reader}
\else
  \set reader statswh_reader
\endif

begin;

-- Create the role if it is missing (psql variables are not expanded inside DO blocks).
select format('create role %I login', :'reader')
where not exists (select from pg_roles where rolname = :'reader')
\gexec

alter role :"reader" with login nosuperuser nocreatedb nocreaterole noinherit password :'reader_password';
alter role :"reader" set default_transaction_read_only = on;
alter role :"reader" set search_path = marts;

select format('grant connect on database %I to %I', current_database(), :'reader')
\gexec

-- PostgreSQL before 15 lets every role create objects in schema public.
revoke create on schema public from public;

create schema if not exists marts authorization :"publisher";
grant usage on schema marts to :"reader";
grant select on all tables in schema marts to :"reader";
alter default privileges for role :"publisher" in schema marts grant select on tables to :"reader";

commit;
