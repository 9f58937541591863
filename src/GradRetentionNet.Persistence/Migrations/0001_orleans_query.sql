-- The table Orleans' ADO.NET providers read their SQL from: on start-up each provider runs
-- "SELECT QueryKey, QueryText FROM OrleansQuery" and from then on executes, per operation, the
-- text stored under its key with named parameters (@DeploymentId, @GrainIdHash, ...).
-- Identifiers are unquoted (folded to lower case) so that the providers' unquoted query finds them.
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
