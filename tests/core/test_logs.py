"""Logs and the support bundle never hold a secret."""

from __future__ import annotations

import json
import logging
import zipfile

from core.commands import Credential
from core.logs import close_logging, setup_logging
from core.redact import MASK, redact, register_secret
from core.support import save_bundle


def test_known_secrets_and_password_fields_are_masked():
    register_secret("Tr0ub4dor&3")
    assert redact("connecting with Tr0ub4dor&3 now") == f"connecting with {MASK} now"
    assert redact('{"Password": "hunter22", "User": "bob"}') == f'{{"Password": "{MASK}", "User": "bob"}}'
    assert redact("password=abc123&user=x") == f"password={MASK}&user=x"
    assert redact("Authorization: Basic dXNlcjpwYXNz") == f"Authorization: {MASK}"
    assert redact("-Password s3cr3t -User x") == f"-Password {MASK} -User x"


def test_a_credential_registers_its_password():
    Credential("lab\\admin", "Gu3st-Passw0rd!")
    assert "Gu3st-Passw0rd!" not in redact("the guest password is Gu3st-Passw0rd!")


def test_log_file_rotates_and_is_redacted(nestwiz_home):
    path = setup_logging()
    try:
        assert path.parent == nestwiz_home / "logs"
        secret = Credential("admin", "Wr0ng-Or-Right#1").password
        logging.getLogger("nestwiz.test").warning("trying %s then password=%s", secret, "plain")
        assert setup_logging() == path  # idempotent
    finally:
        close_logging()
    text = path.read_text(encoding="utf-8")
    assert "trying" in text and secret not in text and "plain" not in text


def test_bundle_holds_logs_facts_plan_and_journal_without_secrets(nestwiz_home, tmp_path):
    secret = Credential("admin", "Bundle-Secret-9").password
    path = setup_logging()
    logging.getLogger("nestwiz.test").info("guest password %s", secret)
    close_logging()
    journal = nestwiz_home / "data" / "journal.json"
    journal.parent.mkdir(parents=True)
    journal.write_text(json.dumps({"step": "guest", "note": f"pw {secret}"}), encoding="utf-8")
    bundle = save_bundle(
        tmp_path / "support",
        facts={"OS": {"BuildNumber": "22631"}, "Password": secret},
        plan_text=f'name = "Outer"\npassword = "{secret}"\n',
        target="Simulated host",
    )
    assert bundle.name == "support.zip" and path.exists()
    with zipfile.ZipFile(bundle) as z:
        names = set(z.namelist())
        assert {"about.txt", "logs/nestwiz.log", "host-facts.json", "plan.toml", "journal/journal.json"} <= names
        for name in names:
            assert secret not in z.read(name).decode("utf-8")
        assert json.loads(z.read("host-facts.json"))["OS"]["BuildNumber"] == "22631"
