-- Staffing is financed per position: the programme that pays for it and its annual cost in øre (NULL = not stated).
ALTER TABLE staff_position ADD funding_programme_id UNIQUEIDENTIFIER NULL CONSTRAINT fk_staff_position_funding_programme REFERENCES funding_programme (id);
ALTER TABLE staff_position ADD annual_cost_ore BIGINT NULL;
