"""Coalitions: organisations, invite links, and (later) flyers, texts and response monitoring."""
