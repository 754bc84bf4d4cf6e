"""The HTML report, rendered in headless Chromium (Debian's ``chromium`` package): the page
renders to a PNG, the DOM has every section and one PAC row per plan action, and nothing
leaves the file (checked statically, and in Chromium's NetLog with DNS mapped to nowhere)."""

from __future__ import annotations

import json
import re
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_helpers import example_evaluation, example_snapshots, example_steering

import pacspec
from pacspec.report import write_report
from pacspec.report.sections import ids as section_ids

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed (/usr/bin/chromium); CI installs it")

#: Hosts Chromium itself calls in the background (time, updates, accounts), not the page.
BROWSER_HOSTS = ("google.com", "googleapis.com", "gstatic.com", "gvt1.com",
                 "googleusercontent.com", "chromium.org")


def chromium(tmp: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


class Dom(HTMLParser):
    """The bits of a DOM the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.sections: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.pac_rows: list[str] = []
        self.pac_groups: list[str] = []
        self.html_lang: str | None = None
        self._table: list[str | None] = []
        self._group = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in a.items())
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "section":
            self.sections.append(a.get("id", ""))
        if tag == "table":
            self._table.append(a.get("id"))
        if tag == "tr" and self._table and self._table[-1] == "t-pac":
            if "data-action" in a:
                self.pac_rows.append(a["data-action"])
            self._group = "group" in a.get("class", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._table:
            self._table.pop()

    def handle_data(self, data: str) -> None:
        if self._group and data.strip():
            self.pac_groups.append(data.strip())
            self._group = False


def parse(text: str) -> Dom:
    dom = Dom()
    dom.feed(text)
    return dom


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ev = example_evaluation()
    path = tmp_path_factory.mktemp("html") / "connect-plus.html"
    return write_report(ev, path, steering=example_steering(ev), snapshots=example_snapshots())


# ------------------------------------------------------------------------ static checks
def test_self_contained_without_scripts_links_or_urls(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    dom = parse(text)
    assert "script" not in dom.tags
    assert "link" not in dom.tags
    assert "iframe" not in dom.tags and "object" not in dom.tags and "embed" not in dom.tags
    for tag, name, value in dom.attrs:
        if name in ("src", "href", "xlink:href", "srcset", "action", "poster", "data"):
            assert value.startswith("#"), f"<{tag} {name}={value!r}> refers outside the file"
        if name == "style":
            assert "url(" not in value
    assert "url(" not in text and "@import" not in text and "@font-face" not in text
    assert not re.search(r"(https?:)?//[a-z0-9]", text, re.I), "a URL in the report"


def test_lang_sections_and_ids(report: Path) -> None:
    dom = parse(report.read_text(encoding="utf-8"))
    assert dom.html_lang == "fr"
    assert dom.sections == list(section_ids())
    assert len(dom.ids) == len(set(dom.ids)), "duplicate element ids"
    for chart in ("abc-pareto", "rfm-heatmap", "ipo-ipa-scatter", "portfolio-matrix",
                  "steering-trends"):
        assert chart in dom.ids


def test_trend_words_sit_above_every_point(report: Path) -> None:
    """A trend panel's one line of words (the target's name, or the landing) is in a band
    of the plot that no point reaches; a long KPI title is shrunk or cut beside the status
    light, whole in its tooltip."""
    from pacspec.report import html

    text = report.read_text(encoding="utf-8")
    figure = text[text.index('<figure id="steering-trends"'):]
    panels = re.findall(r"<svg .*?</svg>", figure[:figure.index("</figure>")])
    keyed = [p for p in panels if 'class="target-key"' in p]
    assert len(keyed) >= 5
    for panel in panels:
        words = re.findall(r'<text x="[\d.]+" y="([\d.]+)"[^>]*font-size="9"[^>]*>'
                           r"(?:Cible|Atterrissage)", panel)
        circles = [float(cy) for cy in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)" r="3"',
                                                  panel)]
        if words and circles:
            assert min(circles) - 3 >= float(words[0]) + 3, panel[:120]
    assert all(html._text_width(t, s, True) <= 238
               for t, s in (html._fitted(label, 238, 11.5, 9.5)
                            for label in ("Taux de fidélisation", "x" * 80, "W" * 40)))
    cut, size = html._fitted("Satisfaction des revendeurs " * 3, 238, 11.5, 9.5)
    assert cut.endswith("…") and size == 9.5
    assert html._fitted("Panier moyen", 238, 11.5, 9.5) == ("Panier moyen", 11.5)


def test_scatter_places_every_scored_client(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    ev = example_evaluation()
    points = ev.ipo_ipa_points()
    assert points is not None
    dots = re.findall(r'<circle class="client" data-client="([^"]+)"', text)
    assert sorted(dots) == sorted(p.client for p in points)
    assert "<title>NAUTILUS (C0001) — IPO 5,00, IPA 4,50" in text


def test_print_rules(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    assert "@media print" in text and "@page" in text
    assert '<section id="pac-table" class="page">' in text


# ------------------------------------------------------------------------ in chromium
@needs_chromium
def test_rendered_dom_has_every_section_and_one_pac_row_per_action(
        report: Path, tmp_path: Path) -> None:
    run = chromium(tmp_path, "--dump-dom", report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    dom = parse(run.stdout)
    assert dom.sections == list(section_ids())
    for section in section_ids():
        assert section in dom.ids
    ev = example_evaluation()
    assert sorted(dom.pac_rows) == sorted(a.id for a in ev.plan.actions)
    assert len(dom.pac_rows) == len(ev.plan.actions)
    typologies = {t.id: t.label for t in ev.plan.typologies}
    used = [typologies[t] for t in dict.fromkeys(a.typology for a in ev.plan.actions) if t]
    assert [g.split(" : ", 1)[-1] for g in dom.pac_groups] == [*used, "Actions internes"]


@needs_chromium
def test_screenshot(report: Path, tmp_path: Path) -> None:
    png = tmp_path / "page.png"
    run = chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,4000",
                   "--hide-scrollbars", report.as_uri())
    assert png.exists(), run.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 4000)
    assert len(data) > 100_000, "the screenshot looks blank"


def _netlog_urls(path: Path) -> set[str]:
    log = json.loads(path.read_text(encoding="utf-8"))
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = set()
    for event in log["events"]:
        params = event.get("params") or {}
        if names.get(event["type"]) in ("URL_REQUEST_START_JOB", "REQUEST_ALIVE") \
                and "url" in params:
            urls.add(params["url"])
    return urls


def _page_requests(urls: set[str]) -> list[str]:
    out = []
    for url in urls:
        m = re.match(r"^[a-z]+://([^/:]+)", url)
        host = m.group(1) if m else ""
        if url.startswith("file:") or host.endswith(BROWSER_HOSTS):
            continue
        out.append(url)
    return sorted(out)


@needs_chromium
def test_no_request_leaves_the_file(report: Path, tmp_path: Path) -> None:
    # The method first: a page with outside references shows them in the NetLog.
    canary = tmp_path / "canary.html"
    canary.write_text('<!DOCTYPE html><img src="http://pacspec-canary.invalid/x.png">'
                      '<div style="background:url(https://canary.invalid/y.png)">x</div>',
                      encoding="utf-8")
    rules = "--host-resolver-rules=MAP * ~NOTFOUND"
    seen = tmp_path / "canary.json"
    chromium(tmp_path, rules, f"--log-net-log={seen}", "--dump-dom", canary.as_uri())
    assert _page_requests(_netlog_urls(seen)) == ["http://pacspec-canary.invalid/x.png",
                                                  "https://canary.invalid/y.png"]
    log = tmp_path / "report.json"
    run = chromium(tmp_path, rules, f"--log-net-log={log}", "--dump-dom", report.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert _page_requests(_netlog_urls(log)) == []


@needs_chromium
def test_english_plan_renders_in_english(tmp_path: Path) -> None:
    ev = example_evaluation()
    plan = ev.plan.model_copy(update={"locale": "en"})
    english = pacspec.evaluate(plan, ledger=ev.ledger, as_of=ev.as_of)
    path = write_report(english, tmp_path / "en.html")
    run = chromium(tmp_path, "--dump-dom", path.as_uri())
    dom = parse(run.stdout)
    assert dom.html_lang == "en"
    assert "Internal actions" in dom.pac_groups
    assert "PAC table" in run.stdout

