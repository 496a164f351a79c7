-- The cases page filtered by interest and source system (issue 19: a case system listing its cases of one interest, the
-- bench's "cases page (50, filtered)"). With ix_case_file_interest alone the page walks every case of the interest in id
-- order and reads each row to test its source system (about four rows read per row kept on the national file); with this
-- index it seeks to the pair and reads only the rows it returns, already in id order.
CREATE INDEX ix_case_file_interest_source ON case_file (interest_code, source_system, id);
