"""The newsletter as the outside check drives it, JavaScript off: subscribe through an article's own form, confirm
through the mailed link (a page whose button POSTs), `warta newsletter digest`, DKIM checked with dkimpy, and the
RFC 8058 one-click unsubscribe. Real `warta serve`, a real SMTP server (aiosmtpd under Debian's /usr/bin/python3,
which alone sees python3-aiosmtpd and python3-dkim)."""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import pytest
from selenium.webdriver.common.by import By

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from conftest import WARTA, free_port  # noqa: E402
from test_pages import click_and_wait  # noqa: E402

SINK = r'''
import json, os, sys
from aiosmtpd.controller import Controller
folder, port = sys.argv[1], int(sys.argv[2])
class Handler:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Handler.count += 1
        path = os.path.join(folder, "%05d.json" % Handler.count)
        with open(path + ".tmp", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos,
                       "data": envelope.original_content.decode("utf-8", "replace")}, f)
        os.rename(path + ".tmp", path)
        return "250 OK"
controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
'''

VERIFY = r'''
import sys, dkim
record, selector = sys.argv[1].encode(), sys.argv[2].encode()
data = sys.stdin.buffer.read()
sys.exit(0 if dkim.verify(data, dnsfunc=lambda name, timeout=5: record if name.startswith(selector) else None) else 1)
'''


@pytest.fixture(scope="module")
def mail_site():
    folder = tempfile.mkdtemp(prefix="warta-newsletter-")
    mails = os.path.join(folder, "mails")
    os.mkdir(mails)
    smtp_port, port = free_port(), free_port()
    sink = subprocess.Popen(["/usr/bin/python3", "-c", SINK, mails, str(smtp_port)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    assert sink.stdout.readline().strip() == b"ready"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_") and k != "DATABASE_URL"}
    env.update({"WARTA_SQLITE_PATH": os.path.join(folder, "w.sqlite"), "WARTA_PORT": str(port),
                "WARTA_SITE_URL": f"http://127.0.0.1:{port}", "WARTA_MAIL_FROM": "Warta <redaksi@warta.example>",
                "WARTA_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}?starttls=off"})
    subprocess.run([WARTA, "demo"], env=env, check=True, capture_output=True)
    line = subprocess.run([WARTA, "dkim", "generate", "--selector", "uji"], env=env, check=True,
                          capture_output=True, text=True).stdout
    record = line.split('"')[1]
    server = subprocess.Popen([WARTA, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    yield {"base": base, "mails": mails, "env": env, "record": record, "folder": folder}
    server.terminate()
    server.wait(timeout=20)
    sink.stdin.close()
    sink.wait(timeout=10)


def wait_for_mail(folder, to, count=1):
    """The mails to `to`, once `count` of them have arrived (the worker sends within seconds)."""
    for _ in range(300):
        found = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(folder, "*.json")))]
        found = [m for m in found if to in m["to"]]
        if len(found) >= count:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no mail to {to} after 30 s")


def dkim_verifies(message, record):
    result = subprocess.run(["/usr/bin/python3", "-c", VERIFY, record, "uji._domainkey."],
                            input=message.encode(), capture_output=True)
    return result.returncode == 0


def body_text(message):
    """The message with quoted-printable soft breaks undone, enough to find links in it."""
    return message.replace("=\r\n", "").replace("=3D", "=")


def test_subscribe_confirm_digest_and_one_click_unsubscribe(mail_site, browser):
    base, reader = mail_site["base"], "pembaca.setia@contoh.example"
    browser.get(base + "/")
    article = browser.find_element(By.CSS_SELECTOR, "main a[href^='/20']").get_attribute("href")
    browser.get(article)
    assert "Berlangganan Email" in browser.page_source
    assert "Dapatkan newsletter, kami kirimkan ke email anda" in browser.page_source
    form = browser.find_element(By.CSS_SELECTOR, "form[action='/newsletter']")
    form.find_element(By.CSS_SELECTOR, "input[name='email']").send_keys(reader)
    click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button, input[type='submit']"), "/newsletter")

    confirmation = wait_for_mail(mail_site["mails"], reader)[0]
    assert dkim_verifies(confirmation["data"], mail_site["record"])
    link = re.search(r"(http://127\.0\.0\.1:\d+/newsletter/confirm\?token=[A-Za-z0-9_\-.%]+)",
                     body_text(confirmation["data"])).group(1)
    browser.get(link)
    assert len(wait_for_mail(mail_site["mails"], reader)) == 1, "opening the link confirms nothing by itself"
    buttons = browser.find_elements(By.CSS_SELECTOR, "main form[method='post'] button, main form[method='POST'] button")
    assert buttons, "the confirm page has a button that POSTs"
    buttons[0].click()
    time.sleep(0.5)

    env = mail_site["env"]
    now = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 3600))
    story = os.path.join(mail_site["folder"], "kabar.md")
    with open(story, "w") as f:
        f.write(f"---\ntitle: Jembatan desa selesai diperbaiki\nstatus: published\npublished: {now}\n---\n\n"
                "Warga kembali bisa menyeberang sungai tanpa perahu.\n")
    subprocess.run([WARTA, "import", story], env=env, check=True, capture_output=True)
    digest = subprocess.run([WARTA, "newsletter", "digest"], env=env, capture_output=True, text=True)
    assert digest.returncode == 0, digest.stderr
    mails = wait_for_mail(mail_site["mails"], reader, count=2)
    letter = mails[-1]["data"]
    assert dkim_verifies(letter, mail_site["record"])
    assert "Jembatan desa selesai diperbaiki" in body_text(letter)
    headers = letter.split("\r\n\r\n")[0].replace("\r\n ", " ")
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in headers
    unsubscribe = re.search(r"List-Unsubscribe: <(http[^>]+)>", headers).group(1)

    request = urllib.request.Request(unsubscribe, data=b"List-Unsubscribe=One-Click", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200

    again = subprocess.run([WARTA, "newsletter", "digest"], env=env, capture_output=True, text=True)
    assert again.returncode == 0
    time.sleep(2)
    assert len(wait_for_mail(mail_site["mails"], reader, count=2)) == 2, "no more digests after unsubscribing"
