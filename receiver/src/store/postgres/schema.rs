//! PostgreSQL's tables, as numbered migrations applied once each: under a session advisory lock,
//! so that instances starting together wait for the first to finish instead of racing to create
//! the same tables, and each in its own transaction with its number recorded, so that a migration
//! interrupted half-way is rolled back and run again at the next start. A database migrated by a
//! newer receiver is used as it is, with a warning: migrations only ever add.

use tokio_postgres::{Client, Error};

/// Every migration, oldest first; a new one is appended, never edited once released.
const MIGRATIONS: &[(i32, &str)] = &[(1, FIRST), (2, UNITS)];

pub async fn migrate(client: &Client, lock: i32) -> Result<(), Error> {
    client.batch_execute(&format!("SELECT pg_advisory_lock({lock}, 0)")).await?;
    let done = apply(client).await;
    let unlocked = client.batch_execute(&format!("SELECT pg_advisory_unlock({lock}, 0)")).await;
    done.and(unlocked)
}

async fn apply(client: &Client) -> Result<(), Error> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
           version INTEGER PRIMARY KEY,
           applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        )
        .await?;
    let applied: Vec<i32> =
        client.query("SELECT version FROM schema_migrations", &[]).await?.iter().map(|r| r.get(0)).collect();
    for (version, sql) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        // One transaction: a migration interrupted half-way leaves nothing and runs again.
        client.batch_execute("BEGIN").await?;
        let applied = async {
            client.batch_execute(sql).await?;
            client.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[version]).await?;
            client.batch_execute("COMMIT").await
        };
        if let Err(e) = applied.await {
            let _ = client.batch_execute("ROLLBACK").await;
            return Err(e);
        }
    }
    let newest = MIGRATIONS.iter().map(|(v, _)| *v).max().unwrap_or(0);
    if let Some(newer) = applied.iter().filter(|v| **v > newest).max() {
        eprintln!("数据库结构版本 {newer} 比本接收端认识的 {newest} 新（已由较新的版本升级）；照常使用 / schema is newer than this build");
    }
    Ok(())
}

/// The tables of the SQLite store, in PostgreSQL's words. Keys and receipts sort byte by byte
/// (`COLLATE "C"`), so a day's receipts are one range of the receipts' index whatever the
/// database's locale.
const FIRST: &str = r#"
CREATE TABLE packages (
  package_id TEXT COLLATE "C" PRIMARY KEY,
  receipt TEXT COLLATE "C" NOT NULL UNIQUE,
  manifest TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  form_id TEXT NOT NULL,
  applicant TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  received_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT NOT NULL,
  stage TEXT,
  stage_outcome TEXT,
  stage_opinion TEXT,
  stage_at TEXT);
CREATE TABLE package_files (
  package_id TEXT COLLATE "C" NOT NULL REFERENCES packages(package_id),
  sha256 TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (package_id, sha256));
CREATE INDEX package_files_by_hash ON package_files (sha256);
CREATE TABLE receipt_counters (
  day TEXT COLLATE "C" PRIMARY KEY,
  last BIGINT NOT NULL);
CREATE TABLE claims (
  package_id TEXT COLLATE "C" PRIMARY KEY,
  secret_sha256 TEXT NOT NULL,
  claimed_at_ms BIGINT NOT NULL);
CREATE TABLE uploads (
  package_id TEXT COLLATE "C" NOT NULL,
  sha256 TEXT COLLATE "C" NOT NULL,
  size BIGINT NOT NULL,
  media_type TEXT NOT NULL,
  uploaded_at_ms BIGINT NOT NULL,
  PRIMARY KEY (package_id, sha256));
CREATE INDEX uploads_by_hash ON uploads (sha256);
CREATE INDEX uploads_by_age ON uploads (uploaded_at_ms);
CREATE TABLE audit (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  package_id TEXT NOT NULL,
  receipt TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason TEXT,
  from_stage TEXT,
  to_stage TEXT);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
"#;

/// Units deciding on the packages reported to them (protocol §2.8): the unit each package names,
/// the units' keys (only their SHA-256), and a package's history read from the audit log.
const UNITS: &str = r#"
ALTER TABLE packages ADD COLUMN unit_code TEXT COLLATE "C";
CREATE INDEX packages_by_unit ON packages (unit_code, received_at);
CREATE TABLE unit_keys (
  key_sha256 TEXT COLLATE "C" PRIMARY KEY,
  unit_code TEXT COLLATE "C" NOT NULL,
  unit_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT);
CREATE INDEX audit_by_package ON audit (package_id, id);
"#;
