"""newsgraph.link"""
