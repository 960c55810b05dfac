"""The lab: the plan file for the whole chain, and what runs it."""
