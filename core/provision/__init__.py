"""Provisioning: the outer VM's plan, its checks, its creation, its plan file and its exported script."""
