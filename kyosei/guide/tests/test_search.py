"""Search in every script, including those written without spaces."""

import pytest

from kyosei.guide import search, services
from kyosei.guide.models import Article, SearchGram
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db

TEXTS = {
    "ja": ("転入届の出し方", "住む場所が決まったら、市区町村の役所で転入届を出します。"),
    "zh-Hans": ("如何办理迁入登记", "决定住址后，请在区市町村政府办理迁入登记。"),
    "th": ("การแจ้งย้ายเข้า", "เมื่อตัดสินใจที่อยู่แล้ว ให้แจ้งย้ายเข้าที่สำนักงานเทศบาล"),
    "km": ("ការជូនដំណឹងអំពីការផ្លាស់ចូល", "នៅពេលអ្នកសម្រេចចិត្តកន្លែងស្នាក់នៅ សូមជូនដំណឹងនៅការិយាល័យក្រុង"),
    "my": ("နေထိုင်ရာပြောင်းရွှေ့ကြောင်းအကြောင်းကြားခြင်း", "နေရာဆုံးဖြတ်ပြီးပါက မြို့နယ်ရုံးတွင် အကြောင်းကြားပါ"),
    "en": (
        "Moving-in notification",
        "When you have decided where you live, register at the city office.",
    ),
    "ko": ("전입신고 방법", "살 곳이 정해지면 시구정촌 관공서에 전입신고를 합니다."),
}


@pytest.fixture
def article(national: Organisation) -> Article:
    a = services.create_article(
        actor=None, organisation=national, slug="moving", chapter="municipal", source_language="ja"
    )
    for code, (title, body) in TEXTS.items():
        services.save_revision(
            actor=None, article=a, language=code, title=title, body=body, publish=True
        )
    other = services.create_article(
        actor=None, organisation=national, slug="tax", chapter="tax", source_language="ja"
    )
    services.save_revision(
        actor=None,
        article=other,
        language="ja",
        title="住民税",
        body="税金の話です。",
        publish=True,
    )
    return a


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("ja", "転入届"),
        ("ja", "役所"),
        ("zh-Hans", "迁入登记"),
        ("th", "ย้ายเข้า"),
        ("km", "ផ្លាស់ចូល"),
        ("my", "အကြောင်းကြား"),
        ("en", "city office"),
        ("en", "MOVING-IN"),
        ("ko", "전입신고"),
    ],
)
def test_finds_words_in_every_script(article: Article, language: str, query: str) -> None:
    hits = search.search(query, [language])
    assert [h.article_id for h in hits] == [article.pk]
    assert hits[0].language == language


def test_no_false_positive_from_scattered_grams(article: Article) -> None:
    assert search.search("役転", ["ja"]) == []
    assert search.search("office city", ["en"]) != []  # every term, any order
    assert search.search("office zebra", ["en"]) == []


def test_full_width_and_case_are_normalised(article: Article) -> None:
    assert search.search("ＣＩＴＹ", ["en"])


def test_fallback_languages_are_searched_in_order(article: Article) -> None:
    hits = search.search("city office", ["vi", "en", "ja"])
    assert hits and hits[0].language == "en"


def test_withdrawn_and_deleted_articles_leave_the_index(article: Article) -> None:
    services.withdraw_language(actor=None, article=article, language="th")
    assert search.search("ย้ายเข้า", ["th"]) == []
    services.delete_article(actor=None, article=article)
    assert search.search("転入届", ["ja"]) == []
    assert not SearchGram.objects.filter(document__article=article).exists()


def test_search_page_and_api(client: object, article: Article) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    page = client.get("/th/guide/search/", {"q": "ย้ายเข้า"}).content.decode()
    assert "การแจ้งย้ายเข้า" in page
    data = client.get("/api/v1/guide/search", {"q": "転入届", "lang": "ja"}).json()
    assert data[0]["slug"] == "moving"
    assert client.get("/en/guide/search/", {"q": ""}).status_code == 200
