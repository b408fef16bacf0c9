"""quotesearch: find direct quotes, who said them and when, in a folder of news articles."""
from .extraction import extract, extract_file, extract_quotes
from .models import Article, Quote

__all__ = ["Article", "Quote", "extract", "extract_file", "extract_quotes"]
