"""PE loader: validation, mapping, relocation, imports, TLS, the module lists."""
