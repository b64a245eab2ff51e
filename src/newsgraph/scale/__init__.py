"""newsgraph.scale"""
