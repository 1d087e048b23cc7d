"""Core of commitment-tracker: model, loading, validation, analysis, charts. Never imports streamlit."""
