namespace ColorPix.Web.Storage.Metadata.Migrations;

/// <summary>
/// The schema, in order. Both dialects keep the same tables, columns and names; they differ in identity columns,
/// booleans (INTEGER 0/1 vs BOOLEAN) and timestamps (ISO-8601 UTC text vs TIMESTAMPTZ).
/// Usernames are unique through <c>username_key</c> (the name lowercased by the store), which behaves the same on both
/// backends, unlike SQLite's ASCII-only NOCASE. Image ids are chosen by the caller (the object keys contain them and
/// objects are written before rows), so they are text on both sides.
/// </summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "users, images, colorizations, ratings, models",
            Sqlite: Initial(id: "INTEGER PRIMARY KEY AUTOINCREMENT", boolean: "INTEGER", timestamp: "TEXT", isTrue: "= 1"),
            Postgres: Initial(id: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", boolean: "BOOLEAN", timestamp: "TIMESTAMPTZ", isTrue: "")),
        new(2, "model registry (status, checkpoint in the object store, lineage), selection decisions, schedules, consent time",
            Sqlite: Registry(id: "INTEGER PRIMARY KEY AUTOINCREMENT", timestamp: "TEXT", isTrue: "= 1"),
            Postgres: Registry(id: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", timestamp: "TIMESTAMPTZ", isTrue: "")),
        new(3, "alerts outbox",
            Sqlite: Alerts(id: "INTEGER PRIMARY KEY AUTOINCREMENT", timestamp: "TEXT"),
            Postgres: Alerts(id: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", timestamp: "TIMESTAMPTZ")),
        new(4, "drift: upload features and drift reports",
            Sqlite: Drift(id: "INTEGER PRIMARY KEY AUTOINCREMENT", real: "REAL", timestamp: "TEXT", boolean: "INTEGER"),
            Postgres: Drift(id: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", real: "DOUBLE PRECISION", timestamp: "TIMESTAMPTZ", boolean: "BOOLEAN")),
        new(5, "replicas: shared secrets (signing key, Data Protection key ring) and rate-limit windows",
            Sqlite: Replicas(timestamp: "TEXT"),
            Postgres: Replicas(timestamp: "TIMESTAMPTZ")),
        new(6, "albums and their entries (the album worker's queue)",
            Sqlite: Albums(timestamp: "TEXT"),
            Postgres: Albums(timestamp: "TIMESTAMPTZ")),
    ];

    public static int Latest => All[^1].Version;

    private static string Initial(string id, string boolean, string timestamp, string isTrue) => $"""
        CREATE TABLE users (
            id {id},
            username TEXT NOT NULL,
            username_key TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            is_admin {boolean} NOT NULL,
            preferred_model INTEGER NOT NULL CHECK (preferred_model IN (0, 1, 2)),
            default_consent {boolean} NOT NULL,
            created_at {timestamp} NOT NULL
        );

        CREATE TABLE images (
            id TEXT PRIMARY KEY,
            owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            original_key TEXT NOT NULL,
            thumbnail_key TEXT NOT NULL,
            original_format TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            byte_size BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            was_grayscale {boolean} NOT NULL,
            consent {boolean} NOT NULL,
            created_at {timestamp} NOT NULL
        );
        CREATE INDEX ix_images_owner_created ON images (owner_id, created_at);
        CREATE INDEX ix_images_consented ON images (created_at) WHERE consent {isTrue};

        CREATE TABLE colorizations (
            id {id},
            image_id TEXT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
            model_kind TEXT NOT NULL CHECK (model_kind IN ('autoencoder', 'pix2pix')),
            model_version TEXT NOT NULL,
            result_key TEXT NOT NULL,
            result_thumbnail_key TEXT NOT NULL,
            duration_ms BIGINT NOT NULL,
            created_at {timestamp} NOT NULL,
            UNIQUE (image_id, model_kind)
        );

        CREATE TABLE ratings (
            user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            image_id TEXT NOT NULL,
            model_kind TEXT NOT NULL,
            stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
            rated_at {timestamp} NOT NULL,
            PRIMARY KEY (user_id, image_id, model_kind),
            FOREIGN KEY (image_id, model_kind) REFERENCES colorizations (image_id, model_kind) ON DELETE CASCADE
        );
        CREATE INDEX ix_ratings_colorization ON ratings (image_id, model_kind);

        CREATE TABLE models (
            id {id},
            kind TEXT NOT NULL CHECK (kind IN ('autoencoder', 'pix2pix')),
            version TEXT NOT NULL,
            path TEXT NOT NULL,
            metrics_json TEXT NOT NULL,
            is_active {boolean} NOT NULL,
            registered_at {timestamp} NOT NULL,
            UNIQUE (kind, version)
        );
        -- At most one active version per kind, enforced by the database rather than by care.
        CREATE UNIQUE INDEX ux_models_active_kind ON models (kind) WHERE is_active {isTrue};
        """;

    /// <summary>
    /// A version's status replaces the active flag: exactly one "champion" per kind at most (the one served),
    /// "challenger" waits for the selection job, "retired" was champion once, "rejected" lost a selection or failed its
    /// check. The checkpoint lives in the object store (every replica fetches it by key). consent_changed_at is when the
    /// owner last set the image's consent: with consent on, the time they consented.
    /// </summary>
    private static string Registry(string id, string timestamp, string isTrue) => $"""
        DROP INDEX ux_models_active_kind;
        ALTER TABLE models ADD COLUMN status TEXT NOT NULL DEFAULT 'challenger'
            CHECK (status IN ('champion', 'challenger', 'retired', 'rejected'));
        UPDATE models SET status = 'champion' WHERE is_active {isTrue};
        UPDATE models SET status = 'retired' WHERE NOT (is_active {isTrue});
        ALTER TABLE models DROP COLUMN is_active;
        CREATE UNIQUE INDEX ux_models_champion ON models (kind) WHERE status = 'champion';
        ALTER TABLE models ADD COLUMN checkpoint_key TEXT NULL;
        ALTER TABLE models ADD COLUMN sha256 TEXT NULL;
        ALTER TABLE models ADD COLUMN run_id TEXT NULL;
        ALTER TABLE models ADD COLUMN dataset TEXT NULL;
        ALTER TABLE models ADD COLUMN evaluated_on TEXT NULL;
        ALTER TABLE models ADD COLUMN mlflow_version INTEGER NULL;
        ALTER TABLE models ADD COLUMN champion_since {timestamp} NULL;

        CREATE TABLE model_decisions (
            id {id},
            kind TEXT NOT NULL CHECK (kind IN ('autoencoder', 'pix2pix')),
            trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'promote', 'rollback')),
            outcome TEXT NOT NULL CHECK (outcome IN ('promoted', 'refused')),
            champion_version TEXT NULL,
            challenger_version TEXT NULL,
            reason TEXT NOT NULL,
            numbers_json TEXT NOT NULL,
            mlflow_run_id TEXT NULL,
            decided_by TEXT NOT NULL,
            decided_at {timestamp} NOT NULL
        );
        CREATE INDEX ix_model_decisions_kind_time ON model_decisions (kind, decided_at);

        -- A job due at next_run_at is claimed by the one process whose UPDATE moves it on: replicas never run it twice.
        CREATE TABLE scheduled_jobs (
            name TEXT PRIMARY KEY,
            next_run_at {timestamp} NOT NULL
        );

        ALTER TABLE images ADD COLUMN consent_changed_at {timestamp} NULL;
        UPDATE images SET consent_changed_at = created_at;
        """;

    /// <summary>
    /// Alerts are written here first and mailed from here (an outbox): raising one never waits for a mail server, a
    /// failing server is retried with backoff, and administrators see every alert whether it was mailed or, without
    /// SMTP settings, only logged. A sender claims a due row by moving its next_attempt_at, so replicas never send twice.
    /// </summary>
    private static string Alerts(string id, string timestamp) => $"""
        CREATE TABLE alerts (
            id {id},
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'logged', 'failed')),
            attempts INTEGER NOT NULL,
            next_attempt_at {timestamp} NOT NULL,
            last_error TEXT NULL,
            created_at {timestamp} NOT NULL,
            sent_at {timestamp} NULL
        );
        CREATE INDEX ix_alerts_due ON alerts (next_attempt_at) WHERE status = 'pending';
        CREATE INDEX ix_alerts_created ON alerts (created_at);
        """;

    /// <summary>
    /// An upload's drift features (DriftFeatures), with no reference to the image or its owner: they are statistics,
    /// kept when the image is deleted, and they cannot give the image back. Each drift check is kept with its table.
    /// </summary>
    private static string Drift(string id, string real, string timestamp, string boolean) => $"""
        CREATE TABLE upload_features (
            id {id},
            created_at {timestamp} NOT NULL,
            features_json TEXT NOT NULL
        );
        CREATE INDEX ix_upload_features_created ON upload_features (created_at);

        CREATE TABLE drift_reports (
            id {id},
            checked_at {timestamp} NOT NULL,
            reference TEXT NOT NULL,
            window_size INTEGER NOT NULL,
            worst_psi {real} NOT NULL,
            major {boolean} NOT NULL,
            features_json TEXT NOT NULL
        );
        """;

    // Windows are keyed by their start in Unix seconds (the same integer on both backends) and pruned when old.
    private static string Replicas(string timestamp) => $"""
        CREATE TABLE shared_secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            created_at {timestamp} NOT NULL
        );

        CREATE TABLE rate_limit_windows (
            bucket TEXT NOT NULL,
            window_start BIGINT NOT NULL,
            hits BIGINT NOT NULL,
            PRIMARY KEY (bucket, window_start)
        );
        """;

    /// <summary>
    /// An album is a batch of a user's photos: one row per entry of the upload, in upload order. Photos are images like
    /// any other (an image deleted from the history leaves its album too); the entries that were not photos or were
    /// refused are kept with their reason. Pending entries are the album worker's queue, kept here and not in memory so
    /// that a restart or another replica carries on: a worker claims the entry that is due by moving next_attempt_at on
    /// (a lease), so two workers never take the same entry, and a worker that died leaves it due again once its lease ends.
    /// </summary>
    private static string Albums(string timestamp) => $"""
        CREATE TABLE albums (
            id TEXT PRIMARY KEY,
            owner_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            created_at {timestamp} NOT NULL
        );
        CREATE INDEX ix_albums_owner_created ON albums (owner_id, created_at);

        CREATE TABLE album_entries (
            album_id TEXT NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            image_id TEXT NULL REFERENCES images (id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'refused', 'skipped')),
            problem TEXT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at {timestamp} NOT NULL,
            finished_at {timestamp} NULL,
            PRIMARY KEY (album_id, position)
        );
        CREATE INDEX ix_album_entries_due ON album_entries (next_attempt_at) WHERE status = 'pending';
        CREATE INDEX ix_album_entries_image ON album_entries (image_id);
        """;
}
