-- A case's route explanation kept as message keys and arguments (JSON, Infrastructure/Localization/TextJson.cs), so
-- that it is said in the reader's language when read, not frozen in its creator's. route_explanation keeps the sentence
-- as it was said when written: cases routed before this column existed (NULL here) are read from it as before.
ALTER TABLE case_file ADD route_explanation_text NVARCHAR(4000) NULL;
