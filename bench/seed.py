#!/usr/bin/env python3
"""Seeds a migrated Warta SQLite file with N published articles for the load benchmark.

Usage: python3 bench/seed.py DB_PATH [--articles N] [--seed S]

The database must already hold the schema (`warta migrate`). Rows are written exactly as
FluentKit's SQLite driver writes them: UUIDs as upper-case TEXT, datetimes as REAL Unix
seconds, url_year/url_month in the site zone (Asia/Jakarta, UTC+7, no DST).

Bodies are Markdown of 3-6 KB assembled from a pool of generated Indonesian-looking
paragraphs (a word list below, no copied prose); body_html is the matching HTML that
cmark-gfm would produce (plain <p>, <h2>, <ul>/<li>, <strong>, <em>, <blockquote>).

The benchmark article has the fixed slug `bench-artikel-utama` and the longest body; its tags and category are
ordinary ones, so the related list scores ~4,500 tag overlaps plus 200 category rows.
Prints that article's path (/yyyy/mm/bench-artikel-utama) on stdout as the last line.
"""

import argparse
import random
import sqlite3
import sys
import time

BENCH_SLUG = "bench-artikel-utama"
JAKARTA_OFFSET = 7 * 3600
YEAR_SECONDS = 365 * 24 * 3600

# Generated vocabulary: Indonesian-looking function words and content words (no prose copied).
FUNCTION_WORDS = (
    "yang di dan ke dari untuk dengan pada dalam itu ini akan telah sudah juga karena agar "
    "oleh bagi tidak belum masih hanya lebih sangat para sejak hingga saat setelah sebelum "
    "namun tetapi sehingga bahwa jika ketika antara tersebut menurut seperti"
).split()
NOUNS = (
    "warga pemerintah kota desa kabupaten provinsi sekolah pasar petani nelayan pedagang "
    "jalan jembatan sungai banjir hujan musim panen harga beras cabai minyak listrik air "
    "anggaran rencana program kebijakan laporan data survei peneliti kampus mahasiswa guru "
    "rumah sakit dokter pasien vaksin puskesmas kereta bandara pelabuhan kapal bus angkutan "
    "tim pelatih pemain pertandingan liga turnamen stadion penonton festival musik film "
    "seniman galeri museum budaya tradisi kopi teh rempah usaha koperasi bank pinjaman "
    "investasi pabrik pekerja upah industri ekspor impor teknologi aplikasi jaringan data "
    "internet ponsel hutan lahan tambang pantai pulau gunung gempa cuaca polisi pengadilan "
    "jaksa saksi sidang dewan partai pemilu calon suara kampanye menteri gubernur bupati "
    "wali camat lurah relawan komunitas keluarga anak remaja lansia"
).split()
VERBS = (
    "membangun menambah mengurangi meninjau menyiapkan menolak mendukung mengumumkan "
    "menyelesaikan memperluas membuka menutup memeriksa mengirim menerima mencatat "
    "menjelaskan meminta menunggu menilai mengusulkan menyetujui menunda melanjutkan "
    "memperbaiki mengawasi menyalurkan menaikkan menurunkan mengajak melatih menanam "
    "mengolah menjual membeli mempercepat memulihkan"
).split()
ADJECTIVES = (
    "baru besar kecil lama penting cepat lambat murah mahal padat sepi ramai sehat bersih "
    "rusak aman rawan terbuka tertutup utama lokal nasional daerah tambahan darurat"
).split()
PLACES = (
    "Jakarta Bandung Surabaya Medan Makassar Semarang Palembang Denpasar Yogyakarta Malang "
    "Pontianak Balikpapan Manado Ambon Jayapura Kupang Mataram Padang Pekanbaru Jambi "
    "Bengkulu Lampung Serang Bogor Depok Bekasi Tangerang Cirebon Solo Banjarmasin"
).split()
PEOPLE = (
    "Adi Kurniawan|Siti Rahmawati|Budi Santoso|Dewi Lestari|Rizky Pratama|Nur Aini|Agus Setiawan|"
    "Rina Marlina|Hendra Gunawan|Yuni Astuti|Fajar Nugraha|Lina Sari|Teguh Wibowo|Ayu Wulandari"
).split("|")
AUTHORS = [
    "Bayu Nugroho", "Maya Lestari", "Rudi Hartono", "Sari Widjaja", "Indra Saputra",
    "Putri Anggraini", "Kantor Berita Nusantara", "Tim Redaksi", "Wahyu Hidayat", "Lestari Ningsih",
]
EDITORS = ["Maya Lestari", "Rudi Hartono", "Dian Purnama", ""]
CATEGORIES = [
    "Nasional", "Daerah", "Ekonomi", "Bisnis", "Teknologi", "Olahraga", "Sepak Bola", "Budaya",
    "Hiburan", "Kesehatan", "Pendidikan", "Lingkungan", "Hukum", "Politik", "Internasional",
    "Gaya Hidup", "Kuliner", "Wisata", "Otomotif", "Sains",
]
TAG_TOPICS = [
    "Banjir", "Pemilu", "Harga Beras", "Transportasi", "Vaksinasi", "Sekolah", "UMKM", "Pariwisata",
    "Gempa", "Kebakaran Hutan", "Liga Satu", "Kopi", "Nelayan", "Anggaran", "Infrastruktur",
    "Startup", "Listrik", "Air Bersih", "Pasar", "Festival",
]
TAG_PLACES = [
    "Jakarta", "Jawa Barat", "Jawa Timur", "Sumatra", "Kalimantan", "Sulawesi", "Bali", "Papua",
    "Nusa Tenggara", "Maluku",
]


def slugify(text):
    out, hyphen = [], True
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            hyphen = False
        elif not hyphen:
            out.append("-")
            hyphen = True
    return "".join(out).strip("-")


def new_id(rng):
    """A random (version 4) UUID in FluentKit's SQLite form: upper-case hyphenated TEXT."""
    x = rng.getrandbits(128)
    x = (x & ~(0xF << 76)) | (0x4 << 76)
    x = (x & ~(0x3 << 62)) | (0x2 << 62)
    h = f"{x:032X}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Text:
    """Pools of generated sentences and paragraphs (Markdown and HTML side by side)."""

    def __init__(self, rng):
        self.rng = rng
        self.sentences = [self.sentence() for _ in range(3000)]
        self.paragraphs = [self.paragraph() for _ in range(1500)]
        self.headings = [self.heading() for _ in range(300)]
        self.lists = [self.bullets() for _ in range(200)]
        self.quotes = [self.quote() for _ in range(200)]
        # Each article gets a unique lead paragraph followed by one of these tails (3-6 KB in all).
        self.tails = [self.tail() for _ in range(3000)]
        self.summaries = [" ".join(self.words(rng.randint(14, 24))).capitalize() + "." for _ in range(5000)]

    def words(self, n):
        r = self.rng
        out = []
        for i in range(n):
            roll = r.random()
            if roll < 0.35:
                out.append(r.choice(FUNCTION_WORDS))
            elif roll < 0.7:
                out.append(r.choice(NOUNS))
            elif roll < 0.85:
                out.append(r.choice(VERBS))
            elif roll < 0.95:
                out.append(r.choice(ADJECTIVES))
            else:
                out.append(r.choice(PLACES))
        return out

    def sentence(self):
        r = self.rng
        w = self.words(r.randint(8, 20))
        w[0] = w[0].capitalize()
        if r.random() < 0.3:
            w.insert(r.randint(1, len(w) - 1), r.choice(PLACES) + ",")
        if r.random() < 0.15:
            who = r.choice(PEOPLE)
            return (" ".join(w) + f", kata {who}.", " ".join(w) + f", kata {who}.")
        return (" ".join(w) + ".", " ".join(w) + ".")

    def paragraph(self):
        r = self.rng
        md, html = [], []
        for _ in range(r.randint(3, 5)):
            m, h = r.choice(self.sentences)
            md.append(m)
            html.append(h)
        md_text, html_text = " ".join(md), " ".join(html)
        if r.random() < 0.25:
            word = r.choice(NOUNS + ADJECTIVES)
            mark, tag = ("**", "strong") if r.random() < 0.5 else ("*", "em")
            md_text = md_text.replace(f" {word} ", f" {mark}{word}{mark} ", 1)
            html_text = html_text.replace(f" {word} ", f" <{tag}>{word}</{tag}> ", 1)
        return (md_text, f"<p>{html_text}</p>")

    def heading(self):
        w = self.words(self.rng.randint(3, 6))
        text = " ".join(w).capitalize()
        return (f"## {text}", f"<h2>{text}</h2>")

    def bullets(self):
        items = [" ".join(self.words(self.rng.randint(4, 9))).capitalize() for _ in range(self.rng.randint(3, 5))]
        md = "\n".join(f"- {i}" for i in items)
        html = "<ul>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>"
        return (md, html)

    def quote(self):
        m, h = self.rng.choice(self.sentences)
        return (f"> {m}", f"<blockquote>\n<p>{h}</p>\n</blockquote>")

    def tail(self):
        """Markdown and HTML of a body after its lead paragraph."""
        r = self.rng
        target = r.randint(2600, 5400)
        md, html = [], []
        size = 0
        count = 0
        while size < target:
            count += 1
            if count % 4 == 0 and r.random() < 0.6:
                piece = r.choice(self.headings)
            elif count % 5 == 0 and r.random() < 0.3:
                piece = r.choice(self.lists)
            elif count % 7 == 0 and r.random() < 0.3:
                piece = r.choice(self.quotes)
            else:
                piece = r.choice(self.paragraphs)
            md.append(piece[0])
            html.append(piece[1])
            size += len(piece[0]) + 2
        return ("\n\n".join(md) + "\n", "\n".join(html) + "\n")

    def body(self, lead_md, lead_html, longest=False):
        tail_md, tail_html = max(self.tails, key=lambda t: len(t[0])) if longest else self.rng.choice(self.tails)
        return (f"{lead_md}\n\n{tail_md}", f"<p>{lead_html}</p>\n{tail_html}")


def title(rng, place):
    subject = rng.choice(NOUNS).capitalize()
    return f"{subject} {rng.choice(NOUNS)} {rng.choice(VERBS)} {rng.choice(NOUNS)} {rng.choice(ADJECTIVES)} di {place}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240610)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.monotonic()

    con = sqlite3.connect(args.db, isolation_level=None)
    # Bulk-load settings for this connection only; `warta serve` sets WAL again when it starts.
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-262144")
    con.execute("PRAGMA temp_store=MEMORY")
    if con.execute("SELECT count(*) FROM articles").fetchone()[0]:
        sys.exit("seed.py: articles table is not empty; seed a freshly migrated file")

    text = Text(rng)
    categories = [(new_id(rng), name, slugify(name)) for name in CATEGORIES]
    tag_names = [f"{topic} {place}" for topic in TAG_TOPICS for place in TAG_PLACES][:200]
    tags = [(new_id(rng), name, slugify(name)) for name in tag_names]
    authors = [(name, slugify(name)) for name in AUTHORS]

    now = time.time()
    newest = now - 3600  # everything is in the past, so scheduled-publishing never touches it
    oldest = newest - 3 * YEAR_SECONDS
    # Rows are generated while executemany consumes them, so memory stays small.
    article_tags = []
    stats = {"body": 0, "bench_path": None}
    n = args.articles

    def rows():
        for i in range(n):
            if i == 0:
                slug = BENCH_SLUG
                place = "Jakarta"
                head = "Pemerintah kota menambah anggaran banjir baru di Jakarta"
                published = newest - 86400
            else:
                place = rng.choice(PLACES)
                head = title(rng, place)
                slug = f"{head.lower().replace(' ', '-')}-{i}"  # titles are ASCII words
                published = rng.uniform(oldest, newest)
            (md1, html1), (md2, html2) = rng.choice(text.sentences), rng.choice(text.sentences)
            body_md, body_html = text.body(
                f"**{place.upper()}** — {md1} {md2}", f"<strong>{place.upper()}</strong> — {html1} {html2}",
                longest=(i == 0))  # the benchmark page carries the longest body (~6 KB): a heavy page, not a light one
            stats["body"] += len(body_md)
            summary = rng.choice(text.summaries)
            author, author_slug = rng.choice(authors)
            local = time.gmtime(published + JAKARTA_OFFSET)
            article_id = new_id(rng)
            for tag in rng.sample(tags, 3):
                article_tags.append((new_id(rng), article_id, tag[0]))
            if i == 0:
                stats["bench_path"] = f"/{local.tm_year:04d}/{local.tm_mon:02d}/{slug}"
            yield (
                article_id, slug, "id", head, summary, body_md, body_html, "published", author, author_slug, None,
                rng.choice(EDITORS), "", "", "", "", "", rng.choice(categories)[0], published, local.tm_year,
                local.tm_mon, 1, published, published,
            )

    con.execute("BEGIN")
    con.executemany("INSERT INTO categories (id, name, slug) VALUES (?, ?, ?)", categories)
    con.executemany("INSERT INTO tags (id, name, slug) VALUES (?, ?, ?)", tags)
    con.executemany(
        "INSERT INTO articles (id, slug, language, title, summary, body_markdown, body_html, status, "
        "author_credit, author_slug, author_user_id, editor_name, source_name, source_url, original_language, "
        "original_url, translator, category_id, published_at, url_year, url_month, version, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    con.executemany("INSERT INTO article_tags (id, article_id, tag_id) VALUES (?, ?, ?)", article_tags)
    # The tag lists' copy of the publication time (migration 0018; the app's TagListing runs the same statement).
    con.execute(
        "UPDATE article_tags SET listed_at = (SELECT a.published_at FROM articles a "
        "WHERE a.id = article_tags.article_id AND a.status = 'published')"
    )
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    body_bytes = stats["body"] / n
    print(
        f"seeded {n} articles, {len(article_tags)} article tags, mean body {body_bytes / 1024:.1f} KB Markdown, "
        f"in {time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )
    print(stats["bench_path"])


if __name__ == "__main__":
    main()
