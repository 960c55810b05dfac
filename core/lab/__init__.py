"""The lab: its plan file, the engine of steps that builds it, the journal, the export."""
