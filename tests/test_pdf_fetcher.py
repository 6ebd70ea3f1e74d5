"""The PDF renderer's URL fetcher reads the project's own files and refuses everything else."""

from __future__ import annotations

import os

import pytest
from fontTools.ttLib import TTFont
from weasyprint.urls import URLFetcherResponse

from generator.pdf import FONTS
from generator.pdf.fetcher import AssetFetcher, RefusedURL
from generator.fontcache import FontCache

from .conftest import SEED
from .pdf_support import font_cache


@pytest.fixture
def fetcher():
    plan_files = [SEED / "plan.yaml", *sorted((SEED / "sections").glob("*.yaml"))]
    return AssetFetcher([FONTS], plan_files)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "file:///etc/hostname",
    "http://127.0.0.1:9/x",
    "https://example.org/font.woff2",
    "ftp://127.0.0.1/x",
    "data:text/plain,hello",
    "javascript:alert(1)",
    "file://example.org/etc/passwd",
    "FILE:///etc/passwd",
])
def test_refuses_every_url_outside_the_assets(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url] and fetcher.served == []


def test_refuses_a_path_that_climbs_out_of_the_asset_folder(fetcher):
    for url in [(FONTS / ".." / ".." / "model" / "__init__.py").as_uri(),
                FONTS.as_uri() + "/../../model/__init__.py",
                FONTS.as_uri() + "/%2e%2e/%2e%2e/model/__init__.py",
                FONTS.as_uri() + "/",
                FONTS.as_uri() + "/missing.woff2",
                (SEED / "plan.yaml").as_uri() + "?x=1"]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_refuses_a_symlink_in_the_assets_that_points_outside(tmp_path):
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "ok.css").write_text("p {}")
    os.symlink("/etc/passwd", assets / "passwd.css")
    f = AssetFetcher([assets])
    assert f.fetch((assets / "ok.css").as_uri()).read() == b"p {}"
    with pytest.raises(RefusedURL):
        f.fetch((assets / "passwd.css").as_uri())


def test_serves_the_plan_files_it_was_given_and_no_other_file_beside_them(fetcher, tmp_path):
    response = fetcher.fetch((SEED / "plan.yaml").as_uri())
    assert isinstance(response, URLFetcherResponse)
    assert response.read() == (SEED / "plan.yaml").read_bytes()
    (tmp_path / "plan.yaml").write_text("id: x")
    (tmp_path / "secret.txt").write_text("secret")
    f = AssetFetcher([FONTS], [tmp_path / "plan.yaml"])
    assert f.fetch((tmp_path / "plan.yaml").as_uri()).read() == b"id: x"
    with pytest.raises(RefusedURL):  # beside a plan file, but not one of the files given
        f.fetch((tmp_path / "secret.txt").as_uri())


def test_serves_fonts_as_truetype_from_the_cache(tmp_path):
    woff2 = (FONTS / "NanumMyeongjo.woff2").read_bytes()
    cache = FontCache(tmp_path)
    cache.path_for(woff2).write_bytes(b"\x00\x01\x00\x00cached")  # a planted cache entry
    f = AssetFetcher([FONTS], font_cache=cache)
    assert f.fetch((FONTS / "NanumMyeongjo.woff2").as_uri()).read() == b"\x00\x01\x00\x00cached"
    assert f.served == [(FONTS / "NanumMyeongjo.woff2").as_uri()]


def test_the_cached_fonts_are_the_nanum_fonts_in_truetype():
    cache = font_cache()
    for name, family in [("NanumMyeongjo", "NanumMyeongjo"), ("NanumGothicBold", "NanumGothic")]:
        path = cache.path_for((FONTS / f"{name}.woff2").read_bytes())
        font = TTFont(path, lazy=True)
        assert font.sfntVersion == "\x00\x01\x00\x00" and "glyf" in font
        assert font["name"].getDebugName(1) == family
        assert ord("김") in font.getBestCmap() and ord("■") in font.getBestCmap()


def test_the_font_licence_travels_with_the_fonts():
    text = (FONTS / "OFL-Nanum.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in text or "OPEN FONT LICENSE" in text.upper()


def test_characters_no_font_carries_are_named(tmp_path, capsys):
    """A character outside every carried font (here U+20000, a rare Hanja) is named on stderr."""
    import shutil
    from generator.pdf import build_pdfs
    from generator.pipeline import check_folder
    from .conftest import PLANS
    plan = tmp_path / "minimal"
    shutil.copytree(PLANS / "valid" / "minimal", plan)
    head = plan / "plan.yaml"
    head.write_text(head.read_text("utf-8").replace("vision: 12:30", "vision: 12:30 \U00020000"),
                    "utf-8")
    build_pdfs([check_folder(plan)], tmp_path / "pdf")
    err = capsys.readouterr().err
    assert "no font carries \U00020000 (U+20000)" in err
    build_pdfs([check_folder(PLANS / "valid" / "minimal")], tmp_path / "pdf2")
    assert "no font carries" not in capsys.readouterr().err
