"""The remote-host form of the Target page: address, transport, authentication, credentials, Test connection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

if TYPE_CHECKING:
    from core.runners.remote import ConnectionSettings


class RemoteForm(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("hv01.lab.example or 10.0.0.5"))
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(self.tr("default (5986 HTTPS, 5985 HTTP)"))
        self.https = QCheckBox(self.tr("Use &HTTPS (recommended)"))
        self.https.setChecked(True)
        self.verify = QCheckBox(self.tr("&Check the host's certificate"))
        self.verify.setChecked(True)
        self.ca_file = QLineEdit()
        self.ca_file.setPlaceholderText(self.tr("the system's trusted authorities"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(browse)
        self.auth = QComboBox()
        for key, label in (
            ("negotiate", self.tr("Negotiate (Kerberos or NTLM)")),
            ("kerberos", self.tr("Kerberos")),
            ("ntlm", self.tr("NTLM")),
            ("credssp", self.tr("CredSSP")),
            ("basic", self.tr("Basic (HTTPS only)")),
            ("certificate", self.tr("Client certificate (HTTPS only)")),
        ):
            self.auth.addItem(label, key)
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("LAB\\administrator"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("&Remember the password in this computer's credential store"))
        self.cert = QLineEdit()
        self.cert_key = QLineEdit()
        self.test = QPushButton(self.tr("&Test connection"))

        form = QFormLayout(self)
        form.addRow(self.tr("H&ost:"), self.host)
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow("", self.https)
        form.addRow("", self.verify)
        form.addRow(self.tr("CA file:"), ca_row)
        form.addRow(self.tr("&Authentication:"), self.auth)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow("", self.remember)
        form.addRow(self.tr("Client certificate (PEM):"), self.cert)
        form.addRow(self.tr("Certificate key (PEM):"), self.cert_key)
        form.addRow("", self.test)
        self._form = form
        for edit in (self.host, self.user, self.password, self.ca_file, self.cert, self.cert_key):
            edit.textChanged.connect(self.changed)
        for box in (self.https, self.verify):
            box.toggled.connect(self.changed)
        self.port.valueChanged.connect(self.changed)
        self.auth.currentIndexChanged.connect(self._auth_changed)
        self.user.editingFinished.connect(self._recall_password)
        self._auth_changed()

    def _auth_changed(self) -> None:
        certificate = self.auth.currentData() == "certificate"
        for row in (self.cert, self.cert_key):
            self._form.setRowVisible(row, certificate)
        for other in (self.password, self.remember):
            self._form.setRowVisible(other, not certificate)
        self.changed.emit()

    def _browse_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), "", self.tr("Certificates (*.pem *.crt *.cer);;All files (*)")
        )
        if path:
            self.ca_file.setText(path)

    def _recall_password(self) -> None:
        if self.password.text() or not self.host.text().strip() or not self.user.text().strip():
            return
        # The credential store (keyring) and the remote runner (pypsrp, requests, cryptography) are imported when
        # first used: most runs never connect to a remote host, and they cost start-up time and memory.
        from core.credentials import recall

        remembered = recall(self.host.text().strip(), self.user.text().strip())
        if remembered:
            self.password.setText(remembered)
            self.remember.setChecked(True)

    def fill(self, settings: ConnectionSettings) -> None:
        """Show saved connection settings (a resumed run); the password comes from the credential store or the user."""
        self.host.setText(settings.host)
        self.port.setValue(settings.port or 0)
        self.https.setChecked(settings.https)
        self.verify.setChecked(settings.verify)
        self.ca_file.setText(settings.ca_file or "")
        self.auth.setCurrentIndex(max(0, self.auth.findData(settings.auth)))
        self.user.setText(settings.user)
        self.cert.setText(settings.certificate_pem or "")
        self.cert_key.setText(settings.certificate_key_pem or "")
        self.password.setText(settings.password)
        self._recall_password()

    def settings(self) -> ConnectionSettings:
        from core.runners.remote import ConnectionSettings

        certificate = self.auth.currentData() == "certificate"
        return ConnectionSettings(
            host=self.host.text().strip(),
            user=self.user.text().strip(),
            password="" if certificate else self.password.text(),
            port=self.port.value() or None,
            https=self.https.isChecked(),
            auth=self.auth.currentData(),
            ca_file=self.ca_file.text().strip() or None,
            verify=self.verify.isChecked(),
            certificate_pem=(self.cert.text().strip() or None) if certificate else None,
            certificate_key_pem=(self.cert_key.text().strip() or None) if certificate else None,
        )

    def problem(self) -> str | None:
        return self.settings().problem()
