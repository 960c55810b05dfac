"""Tests of the remote runner against a WinRM endpoint on 127.0.0.1."""
