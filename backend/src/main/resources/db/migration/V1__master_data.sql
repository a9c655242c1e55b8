-- Master data: the town, its villages and constituencies, the workstations ("five haves"),
-- the representatives who staff them, the categories of concerns, and the residents who bring them.

CREATE TABLE town (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2,6}$'),  -- prefix of case numbers
    name        text NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE constituency (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    town_id     bigint NOT NULL REFERENCES town (id),
    name        text NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (town_id, name)
);

CREATE TABLE village (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    town_id         bigint NOT NULL REFERENCES town (id),
    constituency_id bigint NOT NULL REFERENCES constituency (id),
    name            text NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (town_id, name)
);
CREATE INDEX village_constituency_idx ON village (constituency_id);

CREATE TABLE workstation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    town_id         bigint NOT NULL REFERENCES town (id),
    name            text NOT NULL,
    place           text NOT NULL,   -- 有固定场所
    signage         text NOT NULL,   -- 有统一标识
    service_theme   text NOT NULL,   -- 有服务主题
    liaison_name    text NOT NULL,   -- 有联络人员
    liaison_phone_cipher bytea,
    liaison_phone_masked text,
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (town_id, name)
);

-- Which villages a workstation covers: routing starts here.
CREATE TABLE workstation_village (
    workstation_id  bigint NOT NULL REFERENCES workstation (id),
    village_id      bigint NOT NULL REFERENCES village (id),
    PRIMARY KEY (workstation_id, village_id)
);
CREATE INDEX workstation_village_village_idx ON workstation_village (village_id);

CREATE TABLE representative (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workstation_id       bigint NOT NULL REFERENCES workstation (id),
    constituency_id      bigint NOT NULL REFERENCES constituency (id),
    residence_village_id bigint REFERENCES village (id),
    name                 text NOT NULL,
    work_fields          text[] NOT NULL DEFAULT '{}',
    specialties          text[] NOT NULL DEFAULT '{}',
    wecom_user_id        text UNIQUE,
    group_leader         boolean NOT NULL DEFAULT false,
    active               boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX representative_workstation_idx ON representative (workstation_id) WHERE active;
CREATE INDEX representative_work_fields_idx ON representative USING gin (work_fields);

-- 包抓联系点: the villages a representative is answerable for.
CREATE TABLE representative_contact_village (
    representative_id bigint NOT NULL REFERENCES representative (id),
    village_id        bigint NOT NULL REFERENCES village (id),
    PRIMARY KEY (representative_id, village_id)
);
CREATE INDEX representative_contact_village_village_idx ON representative_contact_village (village_id);

CREATE TABLE category (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9-]*$'),
    name        text NOT NULL,
    work_field  text NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One person, several channel identities. The phone number is kept encrypted (phone_cipher) and found by a
-- keyed hash (phone_hash); views show only phone_masked.
CREATE TABLE resident (
    id              uuid PRIMARY KEY,
    name            text,
    village_id      bigint REFERENCES village (id),
    phone_hash      bytea UNIQUE,
    phone_cipher    bytea,
    phone_masked    text,
    openid          text UNIQUE,
    unionid         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((phone_hash IS NULL) = (phone_cipher IS NULL))
);
CREATE INDEX resident_unionid_idx ON resident (unionid) WHERE unionid IS NOT NULL;
CREATE INDEX resident_village_idx ON resident (village_id);
