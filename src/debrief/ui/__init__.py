"""Thin front ends over DebriefService: the command line and the web app."""
