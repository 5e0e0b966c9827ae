-- Several portal nodes share this database. Each node says it is alive here every few seconds (the database's own
-- time, so the nodes' clocks never disagree about it); work a node had started — an action run, an evidence pack —
-- names the node, so when that node stops answering, another one marks the work interrupted, once.

CREATE TABLE portal_node (
    id             VARCHAR(64)   PRIMARY KEY,
    host           VARCHAR(255)  NOT NULL,
    started_at     TIMESTAMPTZ   NOT NULL,
    heartbeat_at   TIMESTAMPTZ   NOT NULL,
    schema_version VARCHAR(50)   NOT NULL
);

CREATE INDEX ix_portal_node_heartbeat ON portal_node (heartbeat_at);

-- Scheduled work that must happen once per tick across all nodes (registering evidence, queueing disposals,
-- reminders, asking for the nightly Azure collection): the node whose row goes in first does the tick's work; the
-- others see the row and skip. Rows older than a week are removed by the nodes' heartbeat.
CREATE TABLE sweep_tick (
    sweep      VARCHAR(100)  NOT NULL,
    tick       TIMESTAMPTZ   NOT NULL,
    node       VARCHAR(64)   NOT NULL,
    claimed_at TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (sweep, tick)
);

ALTER TABLE action_run ADD COLUMN runner_node VARCHAR(64);
ALTER TABLE evidence_pack ADD COLUMN runner_node VARCHAR(64);
