"""Host diagnosis: the probe's facts, the checks on them, and the remedies NestWiz can run."""
