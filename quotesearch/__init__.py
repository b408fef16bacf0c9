"""quotesearch: find direct quotes, who said them and when, in a folder of news articles."""
from .extraction import extract, extract_file, extract_quotes
from .indexing import IndexSummary, index_paths
from .loading import LoadError, iter_files, load_article
from .models import Article, Quote
from .search import QueryError, SearchPage, search, stats

__all__ = ["Article", "IndexSummary", "LoadError", "QueryError", "Quote", "SearchPage", "extract",
           "extract_file", "extract_quotes", "index_paths", "iter_files", "load_article", "search",
           "stats"]
