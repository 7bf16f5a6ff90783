-- Memories and their patterns. The same script runs on PostgreSQL and on H2 in
-- PostgreSQL mode. Points and weights are little-endian float64 arrays: points row-major,
-- point_count * dimension values; weights point_count values as the client sent them,
-- NULL for uniform weights.

CREATE SEQUENCE shk_change_seq;

CREATE TABLE memories (
    name        VARCHAR(64)              NOT NULL PRIMARY KEY,
    dimension   INTEGER                  NOT NULL,
    epsilon     DOUBLE PRECISION         NOT NULL,
    beta        DOUBLE PRECISION         NOT NULL,
    description VARCHAR(4096),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT                   NOT NULL
);

CREATE TABLE patterns (
    memory_name VARCHAR(64)  NOT NULL REFERENCES memories (name) ON DELETE CASCADE,
    id          VARCHAR(128) NOT NULL,
    point_count INTEGER      NOT NULL,
    dimension   INTEGER      NOT NULL,
    points      BYTEA        NOT NULL,
    weights     BYTEA,
    metadata    TEXT         NOT NULL,
    version     BIGINT       NOT NULL,
    PRIMARY KEY (memory_name, id)
);
