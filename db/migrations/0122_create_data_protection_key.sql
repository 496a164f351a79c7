-- The ASP.NET Core data-protection key ring (it encrypts session cookies and CSRF tokens), kept in the database that
-- every API instance shares, so a cookie issued by one instance is read by any other behind the load balancer.
-- No id column on purpose: the table is not audited (the audit log must never hold key material).
CREATE TABLE data_protection_key (
    name NVARCHAR(200) NOT NULL PRIMARY KEY,
    xml NVARCHAR(4000) NOT NULL,
    created_at DATETIMEOFFSET NOT NULL
);
