-- The data version (0170) moved once per writing transaction instead of once per audit row (issue 19: a routed case
-- writes 35+ audit rows, and each moved the version again). An API write transaction moves the version when it begins
-- (BeginWriteAsync) and marks its connection; klima_data_version_moved() answers 1 on such a connection while that
-- transaction is open (Infrastructure/Data/ConnectionFactory.cs), so this trigger then leaves the version alone. Every other audited write (autocommit, a transaction begun elsewhere, a
-- second API process) moves it here as before. A writer outside the API registers klima_data_version_moved() (answering
-- 0 is always correct) alongside klima_actor(), which the audit triggers already ask for.
DROP TRIGGER data_version_on_audit;

CREATE TRIGGER data_version_on_audit AFTER INSERT ON audit_log WHEN klima_data_version_moved() = 0
BEGIN
    UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
