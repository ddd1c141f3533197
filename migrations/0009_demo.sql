-- Sample data for a demonstration (`npm start -- --demo`, src/modules/demo/).
-- A municipality with a row here holds sample reports and accounts: every
-- public and staff page of it says so. The row is written before the sample
-- data and completed after it, so data loaded only in part is still marked
-- (and a second --demo start can tell "done" from "interrupted").
create table demo_marker (
  municipality_id integer primary key references municipality (id),
  started_at timestamptz not null default now(),
  completed_at timestamptz
);
