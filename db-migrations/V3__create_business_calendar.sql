-- The one business calendar: organisation time zone, weekend days, the hour a business day closes,
-- and holidays. "Next business day" (P4 response), PIR due dates and notification deadlines all use it.

CREATE TABLE business_calendar (
    id            SMALLINT     PRIMARY KEY CHECK (id = 1),
    time_zone     VARCHAR(64)  NOT NULL,
    weekend_days  VARCHAR(100) NOT NULL,
    day_closes_at TIME         NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0
);

INSERT INTO business_calendar (id, time_zone, weekend_days, day_closes_at)
VALUES (1, 'UTC', 'SATURDAY,SUNDAY', '17:00');

CREATE TABLE holiday (
    day  DATE         PRIMARY KEY,
    name VARCHAR(200) NOT NULL
);

-- Response-SLA targets per severity; the seed's are the defaults. A NULL duration means
-- "by the close of the next business day".
CREATE TABLE sla_target (
    severity         VARCHAR(2) PRIMARY KEY CHECK (severity IN ('P1', 'P2', 'P3', 'P4')),
    response_minutes INTEGER    CHECK (response_minutes IS NULL OR response_minutes > 0),
    version          BIGINT     NOT NULL DEFAULT 0
);

INSERT INTO sla_target (severity, response_minutes) VALUES ('P1', 30), ('P2', 120), ('P3', 1440), ('P4', NULL);
