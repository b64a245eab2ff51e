"""The DuckDB schema, as a list of migrations.

Each migration is applied once, in order, inside a transaction; ``meta.schema_version`` holds
the number applied. Never edit a released migration: append a new one.

Tables mirror the output contract (records.py). Events store actor/recipient/location
flattened (``actor_entity_id``, ``actor_text`` ...) so they are easy to filter in SQL;
the export nests them again.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        source VARCHAR,
        title VARCHAR,
        text VARCHAR,
        published VARCHAR,
        published_precision VARCHAR,
        dateline_place VARCHAR,
        agencies VARCHAR[],
        author VARCHAR,
        removed VARCHAR[],
        story_id VARCHAR,
        sources VARCHAR[],
        url VARCHAR,
        outlet VARCHAR,
        dateline_month INTEGER,
        dateline_day INTEGER,
        annotated BOOLEAN DEFAULT FALSE,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );

    CREATE TABLE mentions (
        article_id VARCHAR,
        entity_id VARCHAR,
        start INTEGER,
        "end" INTEGER,
        text VARCHAR,
        kind VARCHAR,
        key VARCHAR,
        name VARCHAR,
        type VARCHAR,
        country VARCHAR,
        sector VARCHAR,
        wikidata VARCHAR
    );

    CREATE TABLE entities (
        id VARCHAR PRIMARY KEY,
        name VARCHAR,
        type VARCHAR,
        aliases VARCHAR[],
        country VARCHAR,
        sector VARCHAR,
        wikidata VARCHAR,
        article_ids VARCHAR[],
        mentions INTEGER,
        key VARCHAR
    );

    CREATE TABLE quotes (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR,
        speaker_entity_id VARCHAR,
        speaker VARCHAR,
        speaker_text VARCHAR,
        cue VARCHAR,
        content VARCHAR,
        start INTEGER,
        "end" INTEGER,
        kind VARCHAR,
        cluster_id VARCHAR,
        speaker_start INTEGER,
        speaker_end INTEGER,
        cue_start INTEGER,
        cue_end INTEGER,
        channel VARCHAR,
        country VARCHAR,
        sector VARCHAR,
        sources INTEGER
    );

    CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        article_id VARCHAR,
        event VARCHAR,
        mode VARCHAR,
        quad VARCHAR,
        actor_entity_id VARCHAR,
        actor_text VARCHAR,
        actor_name VARCHAR,
        actor_country VARCHAR,
        actor_sector VARCHAR,
        actor_start INTEGER,
        actor_end INTEGER,
        recipient_entity_id VARCHAR,
        recipient_text VARCHAR,
        recipient_name VARCHAR,
        recipient_country VARCHAR,
        recipient_sector VARCHAR,
        recipient_start INTEGER,
        recipient_end INTEGER,
        date VARCHAR,
        date_precision VARCHAR,
        location_name VARCHAR,
        location_country VARCHAR,
        sentence VARCHAR,
        start INTEGER,
        "end" INTEGER,
        negated BOOLEAN,
        modality VARCHAR,
        cluster_id VARCHAR,
        sources INTEGER,
        trigger VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        intensity DOUBLE,
        quote_id VARCHAR,
        date_text VARCHAR,
        confidence DOUBLE
    );

    CREATE TABLE stories (
        id VARCHAR PRIMARY KEY,
        title VARCHAR,
        article_ids VARCHAR[],
        first_date VARCHAR,
        last_date VARCHAR
    );

    CREATE TABLE passages (id VARCHAR PRIMARY KEY, text VARCHAR);
    CREATE TABLE passage_occurrences (
        passage_id VARCHAR, article_id VARCHAR, start INTEGER, "end" INTEGER
    );

    CREATE TABLE ingest_errors (
        source VARCHAR,
        line INTEGER,
        code VARCHAR,
        message VARCHAR,
        logged_at TIMESTAMP DEFAULT current_timestamp
    );

    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX events_article ON events(article_id);
    """,
    # 2: event detection (issue 9): whether a coded political actor takes part, and why the
    # detector kept the event. Events stored before have no detector score: they stay
    # listed (complete) until their articles are annotated again.
    """
    ALTER TABLE events ADD COLUMN complete BOOLEAN DEFAULT TRUE;
    ALTER TABLE events ADD COLUMN why VARCHAR DEFAULT '';
    """,
    # 3: an article the pipeline failed on keeps the reason and is not retried on every run
    # (annotated stays FALSE; `newsgraph ingest --retry-failed` clears the reason)
    """
    ALTER TABLE articles ADD COLUMN annotation_error VARCHAR;
    """,
    # 4: a quote is one statement; spans lists its fragments ('"A," he said, "B."'), and a
    # quote stored before this has one fragment, its own extent
    """
    ALTER TABLE quotes ADD COLUMN spans STRUCT(start INTEGER, "end" INTEGER)[];
    UPDATE quotes SET spans = [{'start': start, 'end': "end"}];
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
