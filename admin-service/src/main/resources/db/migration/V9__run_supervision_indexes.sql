-- The leader asks for kill requests four times a second (three queries) and for stuck runs every two seconds.
-- With only an index on state, each of those visited every run in flight: thousands at 2,000 runs a second,
-- which on the embedded database cost as much as firing them. Kill requests are rare, so their own index
-- leaves those polls a handful of rows; stuck runs are old, so (state, dispatched_at) leaves the reaper only
-- the dispatched runs older than its shortest limit. The composite index still serves every "state = ?" query.
CREATE INDEX ix_run_logs_kill ON run_logs (kill_requested_at);
DROP INDEX ix_run_logs_state ON run_logs;
CREATE INDEX ix_run_logs_state ON run_logs (state, dispatched_at);
