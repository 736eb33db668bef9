"""Bandleader on Ray Serve: config, tool-family deployments, the agent, the ingress."""
