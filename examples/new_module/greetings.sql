-- SPDX-License-Identifier: MIT
-- new_module's table: a greeting per caller, read by greet() when db_url is set. Plain SQL that SQLite,
-- PostgreSQL and MySQL all take (the example's tests load it into SQLite, realcore: database: postgres into
-- PostgreSQL):
--   sqlite3 /var/lib/opensips/new_module.sqlite < greetings.sql
--   psql -h <host> -U opensips -d opensips -f greetings.sql
-- OpenSIPS databases already have the `version` table; new_module checks its row at startup.
CREATE TABLE IF NOT EXISTS version (
    table_name VARCHAR(32) NOT NULL PRIMARY KEY,
    table_version INTEGER DEFAULT 0 NOT NULL
);
INSERT INTO version (table_name, table_version) VALUES ('greetings', 1);
CREATE TABLE greetings (
    caller VARCHAR(64) NOT NULL PRIMARY KEY,
    greeting VARCHAR(128) NOT NULL
);
-- INSERT INTO greetings (caller, greeting) VALUES ('alice', 'Bonjour');
