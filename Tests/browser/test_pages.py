"""Pages as a reader and an editor see them: 360 px wide, JavaScript off, Indonesian first."""
import os
import sqlite3

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

SHOTS = os.environ.get("WARTA_SCREENSHOTS", "")


def click_and_wait(browser, element, url_part):
    """Clicks a link or button and waits (bounded) for the next page: navigation is asynchronous."""
    element.click()
    WebDriverWait(browser, 15).until(EC.url_contains(url_part))
    WebDriverWait(browser, 15).until(lambda b: b.execute_script("return document.readyState") == "complete")


def width_overflow(browser):
    """Horizontal overflow in CSS pixels; the JS driver call measures, the page itself runs no script."""
    return browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


def fields_sticking_out(browser):
    """How far the widest form control reaches past its form's right edge, in CSS pixels."""
    return browser.execute_script(
        "return Math.max(0, ...[...document.querySelectorAll('main form')].flatMap(f =>"
        " [...f.querySelectorAll('input:not([type=hidden]), textarea, select, button')]"
        ".map(e => e.getBoundingClientRect().right - f.getBoundingClientRect().right)));")


def top(browser, selector):
    return browser.find_element(By.CSS_SELECTOR, selector).rect["y"]


def test_article_page_shows_parts_in_order_at_360px(site, browser):
    browser.get(site + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "id"
    assert width_overflow(browser) <= 0
    browser.get(site + "/2026/11/gudang-pendingin-tenaga-surya-nelayan-pulau-kecil")
    if SHOTS:
        browser.save_screenshot(os.path.join(SHOTS, "article-360.png"))
    assert width_overflow(browser) <= 0
    order = [".masthead", "h1", ".byline", ".body", ".source", ".related"]
    positions = [top(browser, selector) for selector in order]
    assert positions == sorted(positions), dict(zip(order, positions))
    assert browser.find_element(By.CSS_SELECTOR, ".byline").text.startswith("Penulis : ")
    assert browser.find_element(By.CSS_SELECTOR, ".source").text.startswith("- Sumber : The Island Ledger")
    assert "Diterjemahkan dari bahasa Inggris oleh Maya Lestari" in browser.page_source
    assert browser.find_element(By.CSS_SELECTOR, ".related h2").text == "Anda mungkin tertarik :"
    assert len(browser.find_elements(By.CSS_SELECTOR, ".related li")) == 5


def test_language_switch_without_javascript(site, browser):
    browser.get(site + "/2026/11/gudang-pendingin-tenaga-surya-nelayan-pulau-kecil")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".langs a[lang=en]"), "/2026/11/")
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert browser.current_url.endswith("/2026/11/gudang-pendingin-tenaga-surya-nelayan-pulau-kecil")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert browser.find_element(By.CSS_SELECTOR, ".byline").text.startswith("By ")
    assert browser.find_element(By.CSS_SELECTOR, "article").get_attribute("lang") == "id"
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, ".langs a[lang=fr]"), "/2026/11/")
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr")
    assert browser.find_element(By.CSS_SELECTOR, ".byline").text.startswith("Par ")
    assert browser.find_element(By.CSS_SELECTOR, ".related h2").text == "Vous aimerez peut-être :"


def test_editor_publishes_a_translated_republished_story(site, browser):
    browser.get(site + "/admin/signin")
    browser.find_element(By.NAME, "email").send_keys("redaksi@example.com")
    browser.find_element(By.NAME, "password").send_keys("sandi-yang-panjang")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"), "/admin/articles")
    browser.get(site + "/admin/articles/new")
    assert width_overflow(browser) <= 0
    assert fields_sticking_out(browser) <= 0.5
    fields = {
        "title": "Nelayan Flores Uji Coba Perahu Listrik",
        "summary": "Tiga kelompok nelayan mencoba perahu bertenaga surya selama sebulan.",
        "body": "Perahu **listrik** mulai diuji.\n\n> \"Lebih hemat,\" kata Yohanes.",
        "author": "Claire Donovan",
        "source": "The Island Ledger",
        "source_url": "https://ledger.example/electric-boats",
        "original_language": "en",
        "original_url": "https://ledger.example/electric-boats",
        "translator": "Maya Lestari",
        "category": "Teknologi",
        "tags": "Lingkungan, Startup",
    }
    for name, value in fields.items():
        element = browser.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)
    assert browser.find_element(By.NAME, "editor").get_attribute("value") == "Dodi Pratama"
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[value=publish]"), "saved=1")
    assert "Tersimpan." in browser.page_source
    click_and_wait(browser, browser.find_element(By.LINK_TEXT, "Lihat di situs"), "/nelayan-flores")
    if SHOTS:
        browser.save_screenshot(os.path.join(SHOTS, "published-360.png"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Nelayan Flores Uji Coba Perahu Listrik"
    byline = browser.find_element(By.CSS_SELECTOR, ".byline").text
    assert byline.startswith("Penulis : Claire Donovan | Editor : Dodi Pratama | ")
    assert browser.find_element(By.CSS_SELECTOR, ".source a").get_attribute("href") == fields["source_url"]
    assert "Diterjemahkan dari bahasa Inggris oleh Maya Lestari" in browser.page_source
    assert width_overflow(browser) <= 0


def test_every_newsroom_page_fits_a_phone(site, browser):
    browser.get(site + "/admin/signin")
    browser.find_element(By.NAME, "email").send_keys("kepala@example.com")
    browser.find_element(By.NAME, "password").send_keys("sandi-kepala-redaksi")
    click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "button[type=submit]"), "/admin/articles")
    for path in ["/admin/articles", "/admin/articles/new", "/admin/users", "/admin/categories", "/admin/tags",
                 "/admin/account"]:
        browser.get(site + path)
        assert browser.find_element(By.TAG_NAME, "h1").text, path
        assert width_overflow(browser) <= 0, path
        assert fields_sticking_out(browser) <= 0.5, path


def test_newsletter_subscribe_and_confirm_without_javascript(site, site_folder, browser):
    """Part 8: the box under the article, the mailed link's page and its button, all with JavaScript off."""
    browser.get(site + "/2026/11/gudang-pendingin-tenaga-surya-nelayan-pulau-kecil")
    box = browser.find_element(By.CSS_SELECTOR, ".newsletter")
    assert box.find_element(By.TAG_NAME, "h2").text == "Berlangganan Email"
    assert "Dapatkan newsletter, kami kirimkan ke email anda" in box.text
    assert top(browser, ".related") < top(browser, ".newsletter")
    # The honeypot is off-screen for people, so they never fill it in.
    assert browser.find_element(By.CSS_SELECTOR, "input[name=website]").rect["x"] < 0
    assert width_overflow(browser) <= 0
    box.find_element(By.CSS_SELECTOR, "input[name=email]").send_keys("pembaca@example.com")
    click_and_wait(browser, box.find_element(By.CSS_SELECTOR, "button[type=submit]"), "/newsletter")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Periksa email Anda"
    with sqlite3.connect(os.path.join(site_folder, "w.sqlite")) as db:
        (text,) = db.execute(
            "SELECT b.text_body FROM mail_outbox o JOIN mail_bodies b ON b.id = o.body_id"
            " WHERE o.recipient = 'pembaca@example.com' AND o.kind = 'confirmation'").fetchone()
    link = next(line for line in text.splitlines() if "/newsletter/confirm?token=" in line)
    assert link.startswith(site + "/newsletter/confirm?token=")
    browser.get(link.strip())
    assert browser.find_element(By.TAG_NAME, "h1").text == "Konfirmasi langganan"
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.TAG_NAME, "h1").text == "Langganan aktif")
