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
}
