"""What people read: words in each language, chart builders, page view models, the brief."""
