"""Guide: page weight, article page latency under load, search latency, in one run.

1. First view of an article page: gzip bytes of HTML + CSS + JS. Target ≤ 50 KB.
2. Article pages served by gunicorn (2 workers × 1 thread), loaded by wrk (Debian's package,
   C, on loopback) with 50 keep-alive connections and no think time over every language;
   p50/p95/p99, and /healthz under the same load as the server's floor. Target p95 < 50 ms
   on PostgreSQL.
3. Search over 16 languages × BENCH_GUIDE_ARTICLES (1000) generated articles, in process:
   p50/p95 of `search.search`. Target p95 < 30 ms.

PostgreSQL when reachable (BENCH_GUIDE_DATABASE_URL, default the guide's dev database), else
SQLite, and it says which.
"""

from __future__ import annotations

import gzip
import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyosei.settings")
os.environ["KYOSEI_TESTING"] = "1"
os.environ["PUBLIC_RATE_LIMIT"] = "100000000"
os.environ.setdefault("GUIDE_VERSION_MEMO_SECONDS", "1")  # the production default
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
ARTICLES = int(os.getenv("BENCH_GUIDE_ARTICLES", "1000"))
CLIENTS = int(os.getenv("BENCH_GUIDE_CLIENTS", "50"))
LOAD_SECONDS = int(os.getenv("BENCH_GUIDE_SECONDS", "20"))
GUNICORN_WORKERS = os.getenv("BENCH_GUIDE_WORKERS", "2")
GUNICORN_THREADS = os.getenv("BENCH_GUIDE_THREADS", "1")


def choose_database() -> str:
    url = os.getenv(
        "BENCH_GUIDE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kyosei_guide_dev"
    )
    if url.startswith("postgres"):
        try:
            import psycopg

            psycopg.connect(url.replace("postgres://", "postgresql://"), connect_timeout=3).close()
            return url
        except Exception as exc:  # report and fall back
            print(f"PostgreSQL not reachable ({exc}); falling back to SQLite", flush=True)
    elif url.startswith("sqlite"):
        return url
    return f"sqlite:///{tempfile.mkdtemp()}/bench_guide.sqlite3"


os.environ["DATABASE_URL"] = choose_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from kyosei.core.languages import registry  # noqa: E402
from kyosei.guide import content, reader, search  # noqa: E402
from kyosei.guide.models import Article, Revision, SearchDocument, SearchGram  # noqa: E402
from kyosei.orgs.models import Organisation  # noqa: E402

# Words per script; spaceless scripts get runs of text without spaces, like real content.
VOCAB_TEXT = {
    "ja": "在留カード 転入届 国民健康保険 年金 住民税 市役所 手続 申請 子ども 学校 病院 地震 避難所 ごみ",  # noqa: E501
    "ja-x-easy": "ざいりゅう カード てつづき しやくしょ びょういん じしん ごみ いえ しごと がっこう",  # noqa: E501
    "zh-Hans": "在留卡 迁入登记 国民健康保险 年金 住民税 市政府 手续 申请 孩子 学校 医院 地震 避难所 垃圾",  # noqa: E501
    "zh-Hant": "在留卡 遷入登記 國民健康保險 年金 住民稅 市政府 手續 申請 孩子 學校 醫院 地震 避難所 垃圾",  # noqa: E501
    "th": "บัตรพำนัก แจ้งย้ายเข้า ประกันสุขภาพ บำนาญ ภาษี สำนักงานเทศบาล โรงเรียน โรงพยาบาล แผ่นดินไหว",  # noqa: E501
    "km": "ប័ណ្ណស្នាក់នៅ ការផ្លាស់ចូល ធានារ៉ាប់រង សោធននិវត្តន៍ ពន្ធ សាលាក្រុង សាលារៀន មន្ទីរពេទ្យ",  # noqa: E501
    "my": "နေထိုင်ခွင့်ကတ် ပြောင်းရွှေ့ အာမခံ ပင်စင် အခွန် မြို့နယ်ရုံး ကျောင်း ဆေးရုံ ငလျင် အမှိုက်",  # noqa: E501
    "ko": "재류카드 전입신고 국민건강보험 연금 주민세 시청 절차 신청 아이 학교 병원 지진 대피소 쓰레기",  # noqa: E501
    "ne": "निवास कार्ड बसाइँसराइ स्वास्थ्य बीमा पेन्सन कर नगरपालिका विद्यालय अस्पताल भूकम्प फोहोर",  # noqa: E501
    "mn": "оршин суух карт шилжин ирэх эрүүл мэндийн даатгал тэтгэвэр татвар сургууль эмнэлэг",  # noqa: E501
    "en": "residence card moving notification health insurance pension tax city office procedure "
    "application child school hospital earthquake shelter garbage rent work",
}
VOCAB: dict[str, list[str]] = {code: text.split(" ") for code, text in VOCAB_TEXT.items()}
LATIN = VOCAB["en"]
SPACELESS = {"ja", "zh-Hans", "zh-Hant", "th", "km", "my"}


def text_for(language: str, rng: random.Random, words: int) -> str:
    vocab = VOCAB.get(language, LATIN)
    joiner = "" if language in SPACELESS else " "
    sentences = []
    for _ in range(max(1, words // 8)):
        sentences.append(joiner.join(rng.choice(vocab) for _ in range(8)))
    return ("。" if language in {"ja", "zh-Hans", "zh-Hant"} else ". ").join(sentences)


def generate(organisation: Organisation, codes: list[str]) -> None:
    rng = random.Random(42)
    existing = Article.objects.filter(organisation=organisation, slug__startswith="bench-").count()
    indexed = SearchDocument.objects.filter(article__slug__startswith="bench-").count()
    fresh = os.getenv("BENCH_GUIDE_REGENERATE") == "1"
    if existing == ARTICLES and indexed == ARTICLES * len(codes) and not fresh:
        print(f"reusing {existing} generated articles", flush=True)
        return
    Article.objects.filter(organisation=organisation, slug__startswith="bench-").delete()
    articles = Article.objects.bulk_create(
        Article(
            organisation=organisation,
            slug=f"bench-{i:05d}",
            chapter="daily_life",
            source_language="ja",
            position=1000 + i,
        )
        for i in range(ARTICLES)
    )
    if articles[0].pk is None:  # SQLite before 3.35 returns no ids
        articles = list(Article.objects.filter(slug__startswith="bench-").order_by("slug"))
    revisions = []
    for article in articles:
        for seq, code in enumerate(codes, start=1):
            revisions.append(
                Revision(
                    article=article,
                    language=code,
                    seq=seq,
                    status="published",
                    content_version=1,
                    title=text_for(code, rng, 4),
                    body=text_for(code, rng, 90),
                )
            )
    Revision.objects.bulk_create(revisions, batch_size=2000)
    start = time.perf_counter()
    for revision in revisions:
        search.index_document(
            article=revision.article,
            language=revision.language,
            title=revision.title,
            text=revision.body,
        )
    print(
        f"indexed {len(revisions)} documents, {SearchGram.objects.count()} grams "
        f"in {time.perf_counter() - start:.0f} s",
        flush=True,
    )


def page_weight() -> int:
    client = Client()
    html = client.get("/en/guide/national-centre/childbirth-and-child-allowance/").content
    static = ROOT / "kyosei"
    assets = [
        static / "core/static/kyosei/kyosei.css",
        static / "guide/static/guide/guide.css",
        static / "core/static/kyosei/kyosei.js",
        static / "guide/static/guide/guide.js",
    ]
    total = len(gzip.compress(html))
    for path in assets:
        if path.exists():
            total += len(gzip.compress(path.read_bytes()))
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


WRK_SCRIPT = ROOT / "benchmarks" / "wrk_paths.lua"


@dataclass
class Load:
    requests: int
    failed: int
    p50: float
    p95: float
    p99: float


def wrk(port: int, paths: list[str], seconds: int) -> Load:
    """wrk on loopback (C, 2 threads, CLIENTS keep-alive connections, no think time)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(paths) + "\n")
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CLIENTS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(WRK_SCRIPT),
            f"http://127.0.0.1:{port}",
        ],
        env={**os.environ, "WRK_PATHS": fh.name},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(fh.name)
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    fields = dict(item.split("=") for item in line.split()[1:])
    return Load(
        int(fields["requests"]),
        int(fields["non2xx"]) + int(fields["socket_errors"]),
        float(fields["p50_ms"]),
        float(fields["p95_ms"]),
        float(fields["p99_ms"]),
    )


def load_test(paths: list[str]) -> tuple[Load, Load]:
    """Article pages and /healthz under the same load, in one run: the server's floor."""
    port = free_port()
    env = dict(os.environ)
    # Persistent connections, as any production deployment configures them (see README).
    env.setdefault("DB_CONN_MAX_AGE", "60")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "kyosei.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            GUNICORN_WORKERS,
            "--threads",
            GUNICORN_THREADS,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        # One client alone first: the server's own cost, without queueing behind 49 others.
        solo = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        alone = []
        for path in paths * 2:
            start = time.perf_counter()
            solo.request("GET", path)
            response = solo.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status}")
            alone.append(time.perf_counter() - start)
        solo.close()
        print(
            f"article pages, 1 client, {len(alone)} requests: p50 {percentile(alone, 0.5):.1f} ms, "
            f"p95 {percentile(alone, 0.95):.1f} ms",
            flush=True,
        )
        wrk(port, paths, 10)  # warm-up: every worker process renders and caches its pages
        pages = wrk(port, paths, LOAD_SECONDS)
        floor = wrk(port, ["/healthz"], LOAD_SECONDS)
        return pages, floor
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


def main() -> None:
    print(
        f"database: {connection.vendor}; server DB_CONN_MAX_AGE="
        f"{os.getenv('DB_CONN_MAX_AGE', '60')}; {os.cpu_count()} CPUs shared with the clients",
        flush=True,
    )
    call_command("migrate", verbosity=0)
    content.load_content()
    codes = [lang.code for lang in registry().languages]
    national = Organisation.objects.get(slug="national-centre")
    generate(national, codes)
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor
        ):  # fresh statistics and visibility map, as autovacuum would
            cursor.execute("VACUUM ANALYZE guide_searchgram")
            cursor.execute("VACUUM ANALYZE guide_searchdocument")

    weight = page_weight()
    print(f"article page first view (gzip HTML+CSS+JS): {weight / 1024:.1f} KB (target ≤ 50 KB)")

    starter = list(Article.objects.filter(organisation=national).exclude(slug__startswith="bench-"))
    paths = [f"/{code}/guide/national-centre/{a.slug}/" for a in starter for code in codes]
    if shutil.which("wrk") is None:
        print("SKIPPED load test: wrk is not installed (`make bench` installs Debian's wrk)")
    else:
        pages, floor = load_test(paths)
        print(
            f"article pages, wrk {CLIENTS} connections × {LOAD_SECONDS} s, gunicorn "
            f"{GUNICORN_WORKERS} workers × {GUNICORN_THREADS} threads: {pages.requests} "
            f"requests ({pages.requests / LOAD_SECONDS:.0f}/s, {pages.failed} failed), "
            f"p50 {pages.p50:.1f} ms, p95 {pages.p95:.1f} ms, p99 {pages.p99:.1f} ms "
            "(target p95 < 50 ms)"
        )
        print(
            f"/healthz under the same load: {floor.requests / LOAD_SECONDS:.0f}/s, "
            f"p95 {floor.p95:.1f} ms; ratio article p95 ÷ healthz p95 = "
            f"{pages.p95 / floor.p95:.2f}"
        )

    rng = random.Random(7)
    docs = SearchDocument.objects.count()
    timings = []
    for _ in range(50):  # warm-up
        search.search("residence card", ["en"])
    for _ in range(500):
        code = rng.choice(codes)
        vocab = VOCAB.get(code, LATIN)
        query = rng.choice(vocab)
        start = time.perf_counter()
        search.search(query, reader.search_languages(code))
        timings.append(time.perf_counter() - start)
    print(
        f"search over {docs} documents in {len(codes)} languages: "
        f"p50 {percentile(timings, 0.5):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms "
        f"(target p95 < 30 ms)"
    )
    print(f"mean {statistics.mean(timings) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
