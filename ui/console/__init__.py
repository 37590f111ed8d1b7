"""The supervisor console: policy, phrases, approvals and reports (PySide6 screens)."""
