"""Claims extraction for geopolitical analysis articles in the style of the Eurasia Daily Monitor."""

__version__ = "0.1.0"
