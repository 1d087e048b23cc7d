"""Core of commitment-tracker: model, loading, checks, analysis, charts; never imports streamlit."""
