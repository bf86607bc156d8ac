"""Stance of the author toward each claim (supports, disputes, reports) and the direction of arms flows."""
