"""plansite: annual work plans as checked data, published as sites and sign-off PDFs."""

__version__ = "0.1.0"
