from __future__ import annotations

import json

from yasashii import check


def test_report_shape_and_types() -> None:
    report = check("書類を提出してください。ごみは朝に出してください。")
    data = report.to_dict()
    json.dumps(data, ensure_ascii=False)
    assert isinstance(data["score"], float) and 0 <= data["score"] <= 100
    assert isinstance(data["readability"], float)
    assert data["level"] in ("N5", "N4", "N3", "N2", "N1")
    assert data["cefr"] in ("A1", "A2", "B1", "B2", "C1")
    assert len(data["sentences"]) == 2
    for finding in data["findings"]:
        assert set(finding) >= {"rule", "severity", "start", "end", "message", "suggestion"}
        assert "message_en" in finding


def test_plain_scores_higher() -> None:
    hard = check("本申請に係る必要書類を所定の期日までに提出されたい。")
    plain = check("紙は5月10日までに出してください。")
    assert plain.score > hard.score
    assert plain.readability > hard.readability


def test_level_estimate() -> None:
    assert check("ごみは朝に出してください。").level in ("N5", "N4")
    assert check("本申請に係る必要書類を所定の期日までに提出されたい。").level in ("N3", "N2", "N1")


def test_empty_text_report() -> None:
    report = check("")
    assert report.score == 100.0
    assert not report.findings and not report.sentences


def test_sentence_scores() -> None:
    report = check("ごみは朝に出してください。本申請に係る必要書類を所定の期日までに提出されたい。")
    easy, hard = report.sentences
    assert easy.score > hard.score


def test_profile_object_and_names() -> None:
    from yasashii import Profile, load_profile

    living = load_profile("living")
    assert isinstance(living, Profile) and living.level == "N4"
    strict = Profile.from_dict({"name": "custom", "max_sentence_chars": 10})
    text = "日本語の教室があります。"
    assert any(f.rule == "sentence-too-long" for f in check(text, profile=strict).findings)
    assert not any(f.rule == "sentence-too-long" for f in check(text).findings)
    assert load_profile("official").level == "N3"


def test_document_is_deterministic() -> None:
    text = "令和7年に書類を提出してください。大雨のおそれがあります。"
    assert check(text).to_dict() == check(text).to_dict()
