"""Sign-in, submission, review and audit in a real browser, through a local OpenID provider this test starts.

The server is plain `streamlit run app.py --secrets.files F` (F written in a temporary folder, outside the repo)
against a private copy of the session warehouse, so approvals change only that copy.
"""

from __future__ import annotations

import csv
import io
import shutil
import sys

import pytest
from playwright.sync_api import expect

from analytics.config.settings import DEMO_ACCESS_FILE, Settings
from analytics.inbox.submissions import pending
from demo_signin import free_port, start_provider, write_secrets
from tests.e2e.helpers import outside_requests, running_app
from tests.e2e.signin_helpers import TIMEOUT, grid_text, open_page, sign_in

pytestmark = pytest.mark.browser
UPLOADER = "[data-testid='stFileUploaderDropzoneInput']"
VALUE = "41.27"  # women_councillors_share 2024 for 0304: no demo value has two decimals


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    log = open(tmp_path_factory.mktemp("idp") / "provider.log", "wb")
    proc, issuer = start_provider(sys.executable, log=log)
    yield issuer
    proc.terminate()
    proc.wait(10)
    log.close()


@pytest.fixture(scope="module")
def signin_app(provider, warehouse, tmp_path_factory):
    """(base URL, settings): a fresh server whose first request has not happened yet."""
    folder = tmp_path_factory.mktemp("signin-app")
    db = folder / "observatory.duckdb"
    shutil.copyfile(warehouse, db)
    port = free_port()
    secrets_file = write_secrets(tmp_path_factory.mktemp("secrets") / "secrets.toml", provider, port)
    with running_app(db, port=port, args=("--secrets.files", str(secrets_file)),
                     env={"OBSERVATORY_ACCESS": str(DEMO_ACCESS_FILE)}) as base:
        yield base, Settings(db_path=db)


@pytest.fixture(scope="module")
def states(browser, signin_app, tmp_path_factory):
    """One real sign-in per demo account through the provider's form, kept as browser storage states."""
    base, _ = signin_app
    folder = tmp_path_factory.mktemp("states")
    paths = {}
    for sub in ("officer-0304", "officer-0201", "reviewer"):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="fr-FR")
        page = context.new_page()
        sign_in(page, base, sub)
        if sub == "officer-0304":
            page.screenshot(path=str(folder / "signed-in.png"))
        paths[sub] = str(folder / f"{sub}.json")
        context.storage_state(path=paths[sub])
        context.close()
    return paths


def as_user(browser, states, sub):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="fr-FR",
                                  storage_state=states[sub])
    return context, context.new_page()


def test_a_first_request_signed_out_shows_a_sign_in_prompt_and_no_uploader(signin_app, browser, artifacts):
    base, _ = signin_app
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="fr-FR")
    page = context.new_page()
    for path in ("/submit", "/review", "/audit"):  # /submit is the server's very first request
        open_page(page, base + path)
        expect(page.get_by_text("Connectez-vous pour voir cette page.")).to_be_visible(timeout=TIMEOUT)
        assert page.locator(UPLOADER).count() == 0 and page.locator("[data-testid='stDataFrame']").count() == 0
    page.get_by_role("button", name="Se connecter").first.click()
    page.wait_for_url("**/oauth2/authorize**", timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / "signin-provider-form.png"))
    context.close()


def map_row(page, base) -> list[str]:
    """Luxembourg's row in the public map's CSV download for women_councillors_share 2024."""
    open_page(page, base + "/map?kpi=women_councillors_share&year=2024&lang=en")
    with page.expect_download(timeout=TIMEOUT) as download:
        page.locator("[data-testid='stDownloadButton'] button").first.click()
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read())))
    header = rows[0]
    lux = next(r for r in rows if r[header.index("lau2")] == "0304")
    return [f"{h}={v}" for h, v in zip(header, lux)]


def test_officer_submits_reviewer_approves_and_rejects(signin_app, browser, states, tmp_path, artifacts):
    base, settings = signin_app
    officer, page = as_user(browser, states, "officer-0304")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, base + "/submit")
    expect(page.locator(UPLOADER)).to_have_count(1, timeout=TIMEOUT)
    bad = tmp_path / "upload.csv"
    bad.write_text(f"lau2,kpi,year,value\n0304,women_councillors_share,2024,{VALUE}\n0201,equality_officer,2024,1\n")
    page.locator(UPLOADER).set_input_files(str(bad))
    expect(page.locator("[data-testid='stCode']").first).to_contain_text("upload.csv:3:lau2: 0201 is not a commune",
                                                                       timeout=TIMEOUT)
    expect(page.get_by_role("button", name="Envoyer pour révision")).to_have_count(0)
    assert pending(settings).empty  # nothing stored

    good = tmp_path / "luxembourg-2024.csv"
    good.write_text(f"lau2,kpi,year,value\n0304,women_councillors_share,2024,{VALUE}\n")
    page.locator(UPLOADER).set_input_files(str(good))
    page.get_by_role("button", name="Envoyer pour révision").click()
    expect(page.get_by_text("Soumission 1 envoyée : en attente de révision.")).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(artifacts / "signin-submit.png"), full_page=True)
    assert list(pending(settings)["inbox_id"]) == [1]
    public = map_row(page, base)
    assert not any(VALUE in cell for cell in public), public  # the pending value is not on the public map

    reviewer, rpage = as_user(browser, states, "reviewer")
    open_page(rpage, base + "/review")
    expect(rpage.get_by_text("1 soumission(s) en attente")).to_be_visible(timeout=TIMEOUT)
    diff = grid_text(rpage, 0)
    assert "révisée" in diff and VALUE.replace(".", ".") in diff, diff
    rpage.screenshot(path=str(artifacts / "signin-review.png"), full_page=True)
    rpage.get_by_role("button", name="Approuver").click()
    expect(rpage.get_by_text("Soumission 1 approuvée")).to_be_visible(timeout=TIMEOUT)

    public = map_row(page, base)
    assert any(VALUE in cell for cell in public) and any(c.endswith("=official") for c in public), public
    open_page(page, base + "/data?lau2=0304&kpi=women_councillors_share&year=2024")
    provenance = grid_text(page, 2)
    assert "officer-0304" in provenance and "reviewer" in provenance and VALUE in provenance, provenance
    open_page(page, base + "/commune?commune=0304&lang=en")
    assert "41.3" in page.locator("[data-testid='stMain']").inner_text() or "41.27" in grid_text(page, 0)

    other = tmp_path / "second.csv"
    other.write_text("lau2,kpi,year,value\n0304,equality_training_hours,2024,7\n")
    open_page(page, base + "/submit")
    page.locator(UPLOADER).set_input_files(str(other))
    page.get_by_role("button", name="Envoyer pour révision").click()
    expect(page.get_by_text("Soumission 2 envoyée")).to_be_visible(timeout=TIMEOUT)
    open_page(rpage, base + "/review")
    rpage.get_by_label("Motif (obligatoire pour refuser)").fill("Les heures de 2024 ne sont pas encore validées")
    rpage.get_by_role("button", name="Refuser").click()
    expect(rpage.get_by_text("Soumission 2 refusée")).to_be_visible(timeout=TIMEOUT)
    open_page(rpage, base + "/audit")
    expect(rpage.get_by_role("button", name="Exporter (CSV)")).to_be_visible(timeout=TIMEOUT)
    rpage.screenshot(path=str(artifacts / "signin-audit.png"), full_page=True)

    open_page(page, base + "/submit")
    page.get_by_role("tab", name="Mes soumissions").click()
    mine = grid_text(page, 0)
    assert "Les heures de 2024 ne sont pas encore validées" in mine and "refusée" in mine, mine

    third = tmp_path / "third.csv"
    third.write_text("lau2,kpi,year,value\n0304,equality_officer,2024,1\n")
    page.get_by_role("tab", name="Déposer un fichier").click()
    page.locator(UPLOADER).set_input_files(str(third))
    page.get_by_role("button", name="Envoyer pour révision").click()
    expect(page.get_by_text("Soumission 3 envoyée")).to_be_visible(timeout=TIMEOUT)
    assert outside_requests([u for u in requests if "/oauth2/" not in u], base) == []

    neighbour, npage = as_user(browser, states, "officer-0201")
    open_page(npage, base + "/submit")
    npage.get_by_role("tab", name="Mes soumissions").click()
    expect(npage.get_by_text("Aucune soumission pour vos communes.")).to_be_visible(timeout=TIMEOUT)
    open_page(npage, base + "/review")
    expect(npage.get_by_text("ne permet pas de réviser")).to_be_visible(timeout=TIMEOUT)
    assert "third.csv" not in npage.locator("[data-testid='stMain']").inner_text()
    for context in (officer, reviewer, neighbour):
        context.close()


def test_concurrent_uploads_from_several_sessions_are_all_kept(signin_app, browser, states, tmp_path):
    base, settings = signin_app
    before = len(pending(settings))
    sessions = [as_user(browser, states, "officer-0304") for _ in range(4)]
    for i, (_, page) in enumerate(sessions):
        open_page(page, base + "/submit")
        path = tmp_path / f"s{i}.csv"
        path.write_text(f"lau2,kpi,year,value\n0304,intercultural_actions,2023,{i + 10}\n")
        page.locator(UPLOADER).set_input_files(str(path))
        expect(page.get_by_role("button", name="Envoyer pour révision")).to_be_visible(timeout=TIMEOUT)
    for _, page in sessions:  # four sends in flight at once on the server
        page.get_by_role("button", name="Envoyer pour révision").click(no_wait_after=True)
    for _, page in sessions:
        expect(page.get_by_text("envoyée : en attente de révision")).to_be_visible(timeout=TIMEOUT)
    assert len(pending(settings)) == before + 4
    for context, _ in sessions:
        context.close()
