"""Queues N copies of one campaign mail straight into the outbox tables of a migrated Warta SQLite file."""
import sqlite3
import sys
import time
import uuid

path, count = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path)
now = time.time()
body = str(uuid.uuid4()).upper()
text = ("Selamat pagi. Ini ringkasan berita hari ini dari redaksi.\n\n" * 20) + "Berhenti: {{unsubscribe_url}}\n"
html = ("<p>Selamat pagi. Ini ringkasan berita hari ini dari redaksi.</p>\n" * 20) + '<a href="{{unsubscribe_url}}">x</a>'
db.execute(
    "INSERT INTO mail_bodies (id, subject, text_body, html_body, list_slug, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    (body, "Ringkasan pagi", text, html, "harian", now))
rows = (
    (str(uuid.uuid4()).upper(), body, "campaign", f"pembaca{i:06d}@x.example", None, None, None, "queued", 0, now,
     now, now)
    for i in range(count))
db.executemany(
    "INSERT INTO mail_outbox (id, body_id, kind, recipient, recipient_name, subscriber_id, campaign_id, state, "
    "attempts, run_at, queued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.commit()
