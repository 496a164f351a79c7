-- Which API instance made a delivery attempt (its lease owner): with several instances on one database, the
-- delivery log says who sent what.
ALTER TABLE webhook_delivery ADD instance NVARCHAR(100) NULL;
