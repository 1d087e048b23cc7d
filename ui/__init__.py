"""Streamlit helpers shared by the pages: page setup, the cached data loader, widgets."""
