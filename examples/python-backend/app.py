"""A compatible backend for the zhicheng-submission/1 protocol (protocol/README.md), in Python
with Flask and SQLite: small enough to read in one sitting, and a municipal portal's starting point
for its own backend (see README.md beside this file).

It does what the protocol asks of every backend: binds each package to the secret of its first
request; stores each file once after checking its hash, size and content type; finalises a package
once, in one transaction, and answers a repeat with the first receipt; names missing files; refuses
with the protocol's error codes and field paths; answers status and withdrawal. It does NOT check
the answers under the form's own rules (ID checksums, dates, working days …): the reference
receiver does that with the app's own engine, and a real backend must do it too (see README.md,
"Where the form's rules are checked").

Run: python app.py [--port 8091] [--data backend-data]
Environment: ALLOW_ORIGINS (comma-separated pages that may call it, for CORS), FORMS (the form ids
it takes; default sz-title-review), ZHICHENG_EXAMPLE_BREAK=new-receipt-on-repeat (deliberately
breaks §3, to watch the conformance kit fail).
"""

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import re
import sqlite3
import tempfile

from flask import Flask, Response, g, request

PROTOCOL = "zhicheng-submission/1"
SECRET_HEADER = "Zhicheng-Package-Secret"
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PACKAGE_BYTES = 200 * 1024 * 1024
MAX_FILES = 200
MAX_MANIFEST_BYTES = 8 * 1024 * 1024
ACCEPTED_TYPES = ["application/pdf", "image/jpeg", "image/png"]
FORMS = [f.strip() for f in os.environ.get("FORMS", "sz-title-review").split(",") if f.strip()]
ALLOW_ORIGINS = [o.strip() for o in os.environ.get("ALLOW_ORIGINS", "").split(",") if o.strip()]
BREAK = os.environ.get("ZHICHENG_EXAMPLE_BREAK", "")

UUID_V4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")

app = Flask(__name__)
DATA = "backend-data"


# --- Replies: every one is JSON with the protocol marker (§2); errors as §2.6 says. -----------


def reply(status, body, headers=None):
    text = json.dumps({"protocol": PROTOCOL, **body}, ensure_ascii=False)
    return Response(text, status=status, headers=headers or {}, content_type="application/json; charset=utf-8")


def error(status, code, message, fields=(), **extra):
    fields = [{"path": path, "message": text} for path, text in fields]
    return reply(status, {"error": {"code": code, "message": message, "fields": fields, **extra}})


# A refused body is read and dropped before the answer goes, up to this many bytes: a server
# that closes a connection with bytes still unread resets it, and the client may then lose the
# answer (Werkzeug's server asks for the body with 100 Continue before the app has looked at it).
# A larger body is not read; its connection is closed at once.
DRAIN_LIMIT = 2 * max(MAX_FILE_BYTES, MAX_MANIFEST_BYTES)


@app.after_request
def drain_unread_body(response):
    if (request.content_length or 0) <= DRAIN_LIMIT:
        drained = 0
        while drained <= DRAIN_LIMIT:
            chunk = request.stream.read(64 * 1024)
            if not chunk:
                break
            drained += len(chunk)
    return response


@app.after_request
def cors(response):
    origin = request.headers.get("Origin")
    if origin and origin in ALLOW_ORIGINS:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = "GET, PUT, POST"
        response.headers["Access-Control-Allow-Headers"] = f"Content-Type, {SECRET_HEADER}, Authorization"
        # The app waits as long as Retry-After asks; from another origin it sees the header only
        # when it is exposed.
        response.headers["Access-Control-Expose-Headers"] = "Retry-After"
        response.headers["Access-Control-Max-Age"] = "600"
        response.headers["Vary"] = "Origin"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


@app.before_request
def preflight():
    if request.method == "OPTIONS":
        return Response(status=204)
    return None


@app.errorhandler(404)
def not_found(_):
    return error(404, "not_found", "没有这个接口地址，请检查提交地址。")


@app.errorhandler(405)
def method_not_allowed(_):
    return error(405, "method_not_allowed", "这个接口地址不接受这种请求方法。")


@app.errorhandler(sqlite3.OperationalError)
def database_busy(e):
    # Another request holds the database for longer than the timeout: the client retries (§2.6).
    app.logger.warning("database busy: %s", e)
    return reply(503, {"error": {"code": "busy", "message": "接收端繁忙，请稍后重试（将自动重试）。", "fields": []}},
                 {"Retry-After": "2"})


@app.errorhandler(Exception)
def failed(e):
    app.logger.exception(e)
    return error(500, "storage_failed", "接收端内部错误，请稍后重试（将自动重试）。")


# --- Storage: SQLite in DATA, files in DATA/files named by their SHA-256. ---------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS claims (package_id TEXT PRIMARY KEY, secret_sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS uploads (package_id TEXT, sha256 TEXT, size INTEGER, media_type TEXT,
  PRIMARY KEY (package_id, sha256));
CREATE TABLE IF NOT EXISTS packages (package_id TEXT PRIMARY KEY, receipt TEXT UNIQUE NOT NULL,
  manifest TEXT NOT NULL, manifest_sha256 TEXT NOT NULL, status TEXT NOT NULL, reason TEXT,
  received_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS receipt_counters (day TEXT PRIMARY KEY, last INTEGER NOT NULL);
"""


def open_database():
    db = sqlite3.connect(os.path.join(DATA, "backend.sqlite3"), timeout=10, isolation_level=None)
    db.row_factory = sqlite3.Row
    return db


def connect():
    """A connection for this request, closed when the request ends (an open transaction rolls back)."""
    db = open_database()
    g.setdefault("connections", []).append(db)
    return db


@app.teardown_request
def close_connections(_):
    for db in g.pop("connections", []):
        with contextlib.suppress(sqlite3.Error):
            db.close()


@contextlib.contextmanager
def writing(db):
    """A transaction that holds the database (two requests cannot both finalise one id), rolled
    back when its block ends without a COMMIT, whichever way it ends."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        if db.in_transaction:
            db.execute("ROLLBACK")


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def china_day():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).strftime("%Y%m%d")


# --- The package secret (§2.0). ----------------------------------------------------------------


def secret_digest():
    """The SHA-256 of the request's secret, or None when it has none (or not 64 lowercase hex)."""
    secret = request.headers.get(SECRET_HEADER, "")
    if not SHA256.match(secret):
        return None
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_required():
    return error(401, "secret_required", f"请求缺少申报包密钥（请求头 {SECRET_HEADER}，64 位小写十六进制）。")


def wrong_secret():
    return error(403, "wrong_secret", "这个申报包属于另一位申报人：请求所带的申报包密钥与首次提交时的不一致。")


def claim(db, package_id, digest):
    """Whose the package is: 'free', 'yours' or 'other'."""
    row = db.execute("SELECT secret_sha256 FROM claims WHERE package_id = ?", (package_id,)).fetchone()
    if row is None:
        return "free"
    return "yours" if row[0] == digest else "other"


def bind(db, package_id, digest):
    db.execute("INSERT OR IGNORE INTO claims (package_id, secret_sha256) VALUES (?, ?)", (package_id, digest))


# --- §2.1 Preflight. ---------------------------------------------------------------------------


@app.get("/v1/capabilities")
def capabilities():
    return reply(200, {
        "versions": [1], "max_file_bytes": MAX_FILE_BYTES, "max_package_bytes": MAX_PACKAGE_BYTES,
        "max_files": MAX_FILES, "max_manifest_bytes": MAX_MANIFEST_BYTES,
        "accepted_media_types": ACCEPTED_TYPES, "forms": FORMS, "withdraw_while": ["待办中"],
        "secret_header": SECRET_HEADER,
    })


# --- §2.2 Upload a file. ----------------------------------------------------------------------


def sniff(head):
    """The media type a file's first bytes show."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if b"%PDF-" in head[:1024]:
        return "application/pdf"
    return "application/octet-stream"


@app.put("/v1/packages/<package_id>/files/<sha256>")
def upload(package_id, sha256):
    if not UUID_V4.match(package_id):
        return error(400, "bad_package_id", "申报包编号应为 UUID v4。")
    if not SHA256.match(sha256):
        return error(400, "bad_sha256", "文件地址中的 SHA-256 应为 64 位小写十六进制。")
    digest = secret_digest()
    if digest is None:
        return secret_required()
    media_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media_type not in ACCEPTED_TYPES:
        return error(415, "media_type_not_accepted", f"不接受「{media_type}」类型的文件，只接受 {'、'.join(ACCEPTED_TYPES)}。")
    size = request.content_length
    if size is None:
        return error(411, "length_required", "上传文件时须注明长度（Content-Length）。")
    if size > MAX_FILE_BYTES:
        return error(413, "file_too_large", f"单个文件不能超过 {MAX_FILE_BYTES // (1024 * 1024)} MB。")
    if size == 0:
        return error(400, "empty_file", "文件是空的，请重新选择文件。")
    db = connect()
    whose = claim(db, package_id, digest)
    if whose == "other":
        return wrong_secret()
    final = db.execute("SELECT 1 FROM packages WHERE package_id = ?", (package_id,)).fetchone()
    if final:
        manifest = json.loads(db.execute("SELECT manifest FROM packages WHERE package_id = ?", (package_id,)).fetchone()[0])
        if any(a["sha256"] == sha256 for a in manifest["attachments"]):
            return reply(200, {"sha256": sha256, "size": size})
        return error(409, "package_already_final", "该申报包已经提交，不能再添加文件。")
    sent = db.execute("SELECT size FROM uploads WHERE package_id = ? AND sha256 = ?", (package_id, sha256)).fetchone()
    if sent and sent[0] == size and os.path.exists(os.path.join(DATA, "files", sha256)):
        return reply(200, {"sha256": sha256, "size": size})
    totals = db.execute("SELECT COALESCE(SUM(size), 0), COUNT(*) FROM uploads WHERE package_id = ? AND sha256 <> ?",
                        (package_id, sha256)).fetchone()
    if totals[0] + size > MAX_PACKAGE_BYTES or totals[1] + 1 > MAX_FILES:
        return error(413, "package_too_large", "一个申报包的文件合计超过了上限。")

    # The body goes to a temporary file while it is hashed: never held whole in memory.
    hasher, head, received = hashlib.sha256(), b"", 0
    fd, part = tempfile.mkstemp(dir=os.path.join(DATA, "incoming"))
    try:
        with os.fdopen(fd, "wb") as out:
            while True:
                chunk = request.stream.read(64 * 1024)
                if not chunk:
                    break
                received += len(chunk)
                if received > size:
                    break
                hasher.update(chunk)
                head = (head + chunk)[:1024] if len(head) < 1024 else head
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if received != size:
            return error(400, "body_incomplete", "文件没有传完整，请重新发送（将自动重试）。")
        if hasher.hexdigest() != sha256:
            return error(400, "hash_mismatch", "收到的文件内容与其 SHA-256 不符，文件可能在传输中损坏，请重新发送。")
        if sniff(head) != media_type:
            return error(415, "content_not_matching", f"文件的内容与其类型「{media_type}」不符，请检查文件后重新上传。")
        with writing(db):
            if claim(db, package_id, digest) == "other":
                return wrong_secret()
            if db.execute("SELECT 1 FROM packages WHERE package_id = ?", (package_id,)).fetchone():
                # Finalised while this file was on its way: the package takes no more files.
                return error(409, "package_already_final", "该申报包已经提交，不能再添加文件。")
            bind(db, package_id, digest)
            os.replace(part, os.path.join(DATA, "files", sha256))
            db.execute("INSERT OR REPLACE INTO uploads (package_id, sha256, size, media_type) VALUES (?, ?, ?, ?)",
                       (package_id, sha256, size, media_type))
            db.execute("COMMIT")
            return reply(201, {"sha256": sha256, "size": size})
    finally:
        if os.path.exists(part):
            os.remove(part)


# --- §2.3 Finalise. ---------------------------------------------------------------------------


def record(row):
    """A package's status as §2.4 gives it."""
    return {"package_id": row["package_id"], "receipt": row["receipt"], "status": row["status"],
            "reason": row["reason"], "received_at": row["received_at"], "updated_at": row["updated_at"],
            "withdrawable": row["status"] == "待办中", "stage": None}


def shape_problems(m):
    """The fields a manifest lacks or gets wrong, as (path, message): the least a backend checks.
    The complete rules are protocol/manifest.schema.json."""
    problems = []
    for key, kind in [("form_id", str), ("schema_version", int), ("applicant", dict), ("answers", dict),
                      ("attachments", list), ("reports", list), ("created_at", str), ("submitted_at", str)]:
        if not isinstance(m.get(key), kind):
            problems.append((key, f"缺少或类型不对（应为 {kind.__name__}）"))
    for i, a in enumerate(m.get("attachments") or []):
        if not isinstance(a, dict) or not SHA256.match(str(a.get("sha256", ""))):
            problems.append((f"attachments[{i}].sha256", "应为 64 位小写十六进制"))
        elif not isinstance(a.get("size"), int) or a["size"] <= 0:
            problems.append((f"attachments[{i}].size", "应为正整数"))
        elif a.get("media_type") not in ACCEPTED_TYPES:
            problems.append((f"attachments[{i}].media_type", "不接受的文件类型"))
    if problems:
        return problems
    if m["form_id"] not in FORMS:
        problems.append(("form_id", f"本接收端不受理表单「{m['form_id']}」"))
    return problems


@app.post("/v1/packages/<package_id>")
def finalise(package_id):
    if not UUID_V4.match(package_id):
        return error(400, "bad_package_id", "申报包编号应为 UUID v4。")
    digest = secret_digest()
    if digest is None:
        return secret_required()
    if (request.content_length or 0) > MAX_MANIFEST_BYTES:
        return error(413, "manifest_too_large", f"申报包清单不能超过 {MAX_MANIFEST_BYTES // (1024 * 1024)} MB。")
    # At most one byte more than the limit is read, whether the length was announced or not.
    body = request.stream.read(MAX_MANIFEST_BYTES + 1)
    if len(body) > MAX_MANIFEST_BYTES:
        return error(413, "manifest_too_large", f"申报包清单不能超过 {MAX_MANIFEST_BYTES // (1024 * 1024)} MB。")
    try:
        m = json.loads(body)
    except ValueError as e:
        return error(400, "bad_json", f"请求内容不是有效的 JSON：{e}")
    if not isinstance(m, dict) or m.get("format") != "zhicheng.package":
        return error(400, "unsupported_format", "不是申报包。")
    if m.get("format_version") != 1:
        return error(400, "unsupported_version", f"申报包格式版本 {m.get('format_version')} 不受支持，本接收端支持版本 1。")
    if m.get("package_id") != package_id:
        return error(422, "invalid_manifest", "申报包清单有误。", [("package_id", "与请求地址中的申报包编号不一致")])
    canonical = json.dumps(m, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    manifest_digest = hashlib.sha256(canonical.encode()).hexdigest()

    db = connect()
    with writing(db):
        # The id first, before any other check: a retry after a lost reply gets its receipt.
        whose = claim(db, package_id, digest)
        if whose == "other":
            return wrong_secret()
        earlier = db.execute("SELECT * FROM packages WHERE package_id = ?", (package_id,)).fetchone()
        if earlier and earlier["manifest_sha256"] == manifest_digest:
            if BREAK == "new-receipt-on-repeat":
                # Deliberately wrong: a repeat must get the FIRST receipt (§2.3, §3).
                return reply(200, {**record(earlier), "receipt": next_receipt(db)})
            return reply(200, record(earlier))
        if earlier:
            return error(409, "package_id_reused", "这个申报包编号已用于另一份内容不同的申报包。")
        problems = shape_problems(m)
        # HERE a real backend checks the answers under the form's rules (README.md).
        if problems:
            return error(422, "invalid_manifest", f"申报包有 {len(problems)} 处问题，请修改后重新提交。", problems)
        missing, differs = [], []
        for i, a in enumerate(m["attachments"]):
            sent = db.execute("SELECT size, media_type FROM uploads WHERE package_id = ? AND sha256 = ?",
                              (package_id, a["sha256"])).fetchone()
            if sent is None or not os.path.exists(os.path.join(DATA, "files", a["sha256"])):
                if a["sha256"] not in missing:
                    missing.append(a["sha256"])
            elif sent["size"] != a["size"]:
                differs.append((f"attachments[{i}].size", f"清单写 {a['size']} 字节，收到的是 {sent['size']} 字节"))
            elif sent["media_type"] != a["media_type"].lower():
                differs.append((f"attachments[{i}].media_type", f"清单写 {a['media_type']}，内容是 {sent['media_type']}"))
        if differs:
            return error(422, "invalid_manifest", "申报包清单与已上传的文件不符。", differs)
        bind(db, package_id, digest)
        if missing:
            db.execute("COMMIT")
            return error(409, "missing_files", f"还有 {len(missing)} 个文件未上传。", missing=missing)
        at = now()
        db.execute("INSERT INTO packages VALUES (?, ?, ?, ?, '待办中', NULL, ?, ?)",
                   (package_id, next_receipt(db), canonical, manifest_digest, at, at))
        # Its files now belong to the final package (its manifest lists them); they wait no more.
        db.execute("DELETE FROM uploads WHERE package_id = ?", (package_id,))
        row = db.execute("SELECT * FROM packages WHERE package_id = ?", (package_id,)).fetchone()
        db.execute("COMMIT")
        return reply(201, record(row))


def next_receipt(db):
    """The day's next 业务流水号, inside the caller's transaction: unique, in order."""
    day = china_day()
    db.execute("INSERT INTO receipt_counters VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1", (day,))
    last = db.execute("SELECT last FROM receipt_counters WHERE day = ?", (day,)).fetchone()[0]
    return f"PY{day}{last:06d}"


# --- §2.4 Status and §2.5 withdraw. -------------------------------------------------------------


def own_package(db, package_id):
    """The package row for the secret's holder, or the refusal."""
    digest = secret_digest()
    if digest is None:
        return None, secret_required()
    row = db.execute("SELECT * FROM packages WHERE package_id = ?", (package_id,)).fetchone()
    if row is None:
        return None, error(404, "unknown_package", "接收端没有这个申报包。")
    if claim(db, package_id, digest) == "other":
        return None, wrong_secret()
    return row, None


@app.get("/v1/packages/<package_id>")
def status(package_id):
    row, refusal = own_package(connect(), package_id)
    return refusal or reply(200, record(row))


@app.post("/v1/packages/<package_id>/withdraw")
def withdraw(package_id):
    db = connect()
    with writing(db):
        row, refusal = own_package(db, package_id)
        if refusal:
            return refusal
        if row["status"] != "待办中":
            return error(409, "not_withdrawable", f"申报包当前为「{row['status']}」，不能撤回。")
        db.execute("UPDATE packages SET status = '已撤回', updated_at = ? WHERE package_id = ?", (now(), package_id))
        row = db.execute("SELECT * FROM packages WHERE package_id = ?", (package_id,)).fetchone()
        db.execute("COMMIT")
        return reply(200, record(row))


def main():
    global DATA
    parser = argparse.ArgumentParser(description="A compatible zhicheng-submission/1 backend (example)")
    parser.add_argument("--port", type=int, default=8091)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--data", default="backend-data")
    args = parser.parse_args()
    DATA = args.data
    for folder in (DATA, os.path.join(DATA, "files"), os.path.join(DATA, "incoming")):
        os.makedirs(folder, mode=0o700, exist_ok=True)
    with contextlib.closing(open_database()) as db:
        db.executescript(SCHEMA)
    print(f"example backend listening on http://{args.host}:{args.port}/ (data: {DATA})", flush=True)
    # Flask's own server, for trying it out; a deployment runs the app under waitress or gunicorn.
    app.run(host=args.host, port=args.port, threaded=True)


if __name__ == "__main__":
    main()
