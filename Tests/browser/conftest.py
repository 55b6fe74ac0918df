"""A real `warta serve` on a temporary SQLite file with the demo loaded, and headless Chromium at 360 px."""
import os
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WARTA = os.path.join(ROOT, ".build", "debug", "warta")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_folder():
    """Where the site's SQLite file lives (tests read the queued mail from it)."""
    return tempfile.mkdtemp(prefix="warta-browser-")


@pytest.fixture(scope="session")
def site(site_folder):
    folder = site_folder
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_") and k != "DATABASE_URL"}
    env.update({"WARTA_SQLITE_PATH": os.path.join(folder, "w.sqlite"), "WARTA_PORT": str(port)})
    subprocess.run([WARTA, "demo"], env=env, check=True, capture_output=True)
    subprocess.run(
        [WARTA, "user", "create", "--email", "redaksi@example.com", "--name", "Dodi Pratama", "--role", "editor",
         "--password-stdin"],
        env=env, input=b"sandi-yang-panjang\n", check=True, capture_output=True)
    subprocess.run(
        [WARTA, "user", "create", "--email", "kepala@example.com", "--name", "Maya Lestari", "--role", "admin",
         "--password-stdin"],
        env=env, input=b"sandi-kepala-redaksi\n", check=True, capture_output=True)
    server = subprocess.Popen([WARTA, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    else:
        server.kill()
        raise RuntimeError("warta serve did not answer /healthz")
    yield base
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture()
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=360,800",
                 "--force-device-scale-factor=1"):
        options.add_argument(flag)
    # Readers must never need JavaScript: every page test runs with it off.
    # Accept-Language picks the UI language on a first visit (CONTRACTS.md, "Page cache"): ask as an Indonesian
    # reader does, as the pages' assertions expect.
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2,
                                              "intl.accept_languages": "id,en;q=0.5"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(360, 800)
    yield driver
    driver.quit()
