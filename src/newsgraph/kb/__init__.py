"""newsgraph.kb"""
