"""Type stubs of the native module; the public names are re-exported by ``bodytext``."""

from typing import Any, Optional, Sequence, Tuple, Union, final

__all__ = [
    "Block",
    "Cleaner",
    "Document",
    "__version__",
    "clean",
    "clean_bytes",
    "explain",
    "extract",
]
__version__: str

@final
class Document:
    """Headline and body of a page, as returned by ``extract``."""

    @property
    def title(self) -> Optional[str]:
        """The headline, or None. Never part of ``body``."""
    @property
    def body(self) -> str:
        """The article body, exactly what ``clean`` returns: one paragraph per line."""
    @property
    def language(self) -> Optional[str]:
        """The language whose stoplist was used (ISO 639-1, given or detected), or None."""
    @property
    def page_type(self) -> str:
        """The page's type: "article", "forum", "product", "listing", "collection",
        "documentation" or "service" (detected, or the cleaner's ``page_type``; "article"
        when ``detect_page_type`` is False and no type is given)."""
    @property
    def page_type_probability(self) -> float:
        """The classifier's belief in ``page_type``: in (0, 1] when detected, 1 when given, 0
        when neither given nor detected (``detect_page_type=False``)."""

@final
class Block:
    """One block of the input with the decision taken on it, as returned by ``explain``."""

    @property
    def text(self) -> str:
        """The block's text, whitespace normalised."""
    @property
    def label(self) -> str:
        """ "body", "title", "heading", or "boilerplate:<kind>" (e.g. "boilerplate:navigation")."""
    @property
    def kept(self) -> bool:
        """Whether the block is part of the output of ``clean``."""
    @property
    def score(self) -> float:
        """The classifier's belief that the block is body, in [0, 1]."""
    @property
    def reasons(self) -> list[str]:
        """The evidence behind the label, strongest first."""
    @property
    def lines(self) -> Tuple[int, int]:
        """The input lines the block was made from: (first, end), 0-based, end exclusive."""

@final
class Cleaner:
    """A boilerplate remover with fixed options, safe to share between threads.

    page_type: the kind of page when the caller knows it (one of the names
    ``Document.page_type`` returns); None detects it. detect_page_type: False reads every
    page as an article, in about a quarter less time.

    Raises ValueError for an unknown preset or page type, or a malformed language code.
    """

    def __new__(
        cls,
        preset: str = "balanced",
        headings: bool = True,
        lists: bool = True,
        language: Optional[str] = None,
        settle: bool = True,
        page_type: Optional[str] = None,
        detect_page_type: bool = True,
    ) -> "Cleaner": ...
    def __reduce__(
        self,
    ) -> Tuple[Any, Tuple[str, bool, bool, Optional[str], bool, Optional[str], bool]]: ...
    def clean(self, text: str) -> str:
        """The article body of ``text``, one paragraph per line ("" when there is none)."""
    def clean_bytes(self, data: Union[bytes, bytearray]) -> str:
        """``clean`` for bytes that may not be UTF-8 (BOM dropped, invalid sequences replaced)."""
    def extract(self, text: str) -> Document:
        """Headline and body of ``text``."""
    def explain(self, text: str) -> list[Block]:
        """Every block of ``text`` with its label, score and reasons."""
    def clean_batch(self, texts: Sequence[str], threads: Optional[int] = None) -> list[str]:
        """``clean`` of every text, in order, in parallel with the GIL released.

        threads: None uses every core; 1 cleans in the calling thread.
        """
    @property
    def preset(self) -> str: ...
    @property
    def headings(self) -> bool: ...
    @property
    def lists(self) -> bool: ...
    @property
    def language(self) -> Optional[str]: ...
    @property
    def settle(self) -> bool: ...
    @property
    def page_type(self) -> Optional[str]:
        """The page type given, or None when it is detected."""
    @property
    def detect_page_type(self) -> bool:
        """Whether the page type is detected where none is given."""

def clean(text: str) -> str:
    """The article body of ``text`` with the default options, one paragraph per line."""

def clean_bytes(data: Union[bytes, bytearray]) -> str:
    """``clean`` for bytes that may not be UTF-8 (BOM dropped, invalid sequences replaced)."""

def extract(text: str) -> Document:
    """Headline and body of ``text`` with the default options."""

def explain(text: str) -> list[Block]:
    """Every block of ``text`` with the default options: label, score and reasons."""
