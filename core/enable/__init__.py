"""Microsoft's enablement script: fetch, pin, cache and import it offline (running it lives beside this)."""
